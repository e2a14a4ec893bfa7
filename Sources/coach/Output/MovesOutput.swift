import CoachKit
import Foundation

/// Prints what the detector made of replies, for people or as JSON lines.
struct MovesOutput: Sendable {
    var json: Bool
    var explain: Bool
    /// The move `--why-not` asks about.
    var whyNot: MoveID?
    var detector: MoveDetector
    var names: CustomerNames
    var style: TextStyle

    func print(_ detection: MoveDetection) { StandardOutput.write(render(detection)) }

    /// What `print` writes for one reply.
    func render(_ detection: MoveDetection) -> String {
        if json {
            var value = detection.json
            if explain, case .object(var members) = value {
                members[1].1 = .array(
                    detection.moves.map { move in
                        guard case .object(let fields) = move.json else { return move.json }
                        return .object(fields + [("source", .string(move.source.description))])
                    })
                members.append(
                    (
                        "rejected",
                        .array(
                            detection.rejected.map {
                                .object([
                                    ("id", .string($0.id.rawValue)), ("evidence", .string($0.evidence)),
                                    ("reason", .string($0.reason.description)), ("pattern", .string($0.pattern)),
                                ])
                            })
                    ))
                members.append(("readings", .array(detection.readings.map { .string($0.description) })))
                value = .object(members)
            }
            if let whyNot, case .object(var members) = value {
                members.append(("why-not", WhyNot.explain(whyNot, in: detection, detector: detector, names: names).json))
                value = .object(members)
            }
            return value.serialized() + "\n"
        }
        var output = highlighted(detection) + "\n"
        if detection.moves.isEmpty { output += "  " + style.dim("(no moves)") + "\n" }
        let width = detection.moves.map(\.id.rawValue.count).max() ?? 0
        for move in detection.moves {
            let padding = String(repeating: " ", count: width - move.id.rawValue.count)
            output += "  \(style.bold(move.id.rawValue))\(padding)  \"\(move.evidence.printable)\"  \(style.dim("[\(move.start)..<\(move.end)]"))"
            if explain { output += "  " + style.dim(move.source.description) }
            output += "\n"
        }
        if explain {
            for reading in detection.readings {
                output += "  " + style.dim(reading.description.printable) + "\n"
            }
            for rejected in detection.rejected {
                output += "  " + style.dim("not \(rejected.id.rawValue): \"\(rejected.evidence.printable)\" \(rejected.reason.description)") + "\n"
            }
        }
        if let whyNot {
            let explanation = WhyNot.explain(whyNot, in: detection, detector: detector, names: names)
            output += "  " + style.bold("why not \(whyNot.rawValue)?") + "\n"
            for line in explanation.lines { output += "  " + line.printable + "\n" }
        }
        return output
    }

    /// The reply with each move's evidence underlined (on a terminal) or bracketed.
    func highlighted(_ detection: MoveDetection) -> String {
        let scalars = Array(detection.text.unicodeScalars)
        var marked = Array(repeating: false, count: scalars.count + 1)
        for move in detection.moves { for index in move.start..<min(move.end, scalars.count) { marked[index] = true } }
        var output = ""
        var inside = false
        for (index, scalar) in scalars.enumerated() {
            if marked[index] != inside {
                output += marked[index] ? (style.colours ? "\u{1B}[4;36m" : "[") : (style.colours ? "\u{1B}[0m" : "]")
                inside = marked[index]
            }
            output += String(scalar).printable
        }
        if inside { output += style.colours ? "\u{1B}[0m" : "]" }
        return output
    }
}
