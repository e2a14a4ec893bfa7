import ArgumentParser
import CoachKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a commented scenario skeleton that lints clean and passes its own tests.",
        discussion: """
            Writes ID.yaml in the current folder (or --output FILE; '-' prints it). Keep scenarios in a \
            library folder next to schema/scenario.schema.json so that an editor with a YAML language server \
            completes and checks the keys. Then: coach lint ID.yaml, coach graph ID.yaml, coach test ID.yaml.
            """
    )

    @Option(help: ArgumentHelp("provocateur, overly-demanding or genuine-grievance.", valueName: "kind"))
    var kind: String

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write it ('-': standard output).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the file if it exists.")
    var force = false

    @Argument(help: "The new scenario's id: lower-case letters, digits and '-'.")
    var id: String

    func validate() throws {
        guard Scenario.Kind(rawValue: kind) != nil else {
            throw ValidationError(
                "unknown kind '\(kind)'; use one of \(Scenario.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let allowed = id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        guard !id.isEmpty, allowed else {
            throw ValidationError("the id '\(id)' must be lower-case letters, digits and '-'")
        }
    }

    func run() throws {
        let text = ScenarioSkeleton.text(kind: Scenario.Kind(rawValue: kind) ?? .genuineGrievance, id: id)
        let path = output ?? "\(id).yaml"
        if path == "-" {
            StandardOutput.write(text)
            return
        }
        if FileManager.default.fileExists(atPath: path), !force {
            StandardError.write("coach: \(path) already exists (use --force to replace it)\n")
            throw ExitStatus.unusable
        }
        do {
            try OutputFile.write(text, to: path)
        } catch {
            StandardError.write("coach: cannot write \(path): \(error)\n")
            throw ExitStatus.unusable
        }
        var note = "wrote \(path)\nnext: coach lint \(path)  ·  coach graph \(path)  ·  coach test \(path)\n"
        let folder = (path as NSString).deletingLastPathComponent
        let schema = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("schema/scenario.schema.json")
        if !FileManager.default.fileExists(atPath: schema) {
            let bundled = (Library.bundled.root as NSString).appendingPathComponent("schema/scenario.schema.json")
            note += "for completion in your editor, copy \(bundled) to \(schema)\n"
        }
        StandardOutput.write(note)
    }
}
