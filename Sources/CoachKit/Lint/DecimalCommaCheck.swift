/// Finds an amount written with a decimal comma inside a YAML flow list.
///
/// `[86,40 navyše, 12,5 €]` is four items to YAML — `86`, `40 navyše`, `12`, `5 €` — not
/// two: in a flow list the comma separates items even without a space. Most of the
/// languages coach speaks write decimals with a comma, so a trainer meets this the first
/// time a list holds a price ("86,40 €"); the file still loads, and the phrase silently
/// never matches. A number directly followed by a comma and a digit, with no space, is
/// read as that mistake.
enum DecimalCommaCheck {
    static func check(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) {
        switch node {
        case .scalar: return
        case .mapping(let mapping):
            for entry in mapping.entries { check(entry.value, diagnostics: &diagnostics) }
        case .sequence(let items, _):
            for (first, second) in zip(items, items.dropFirst()) {
                if case .scalar(let before) = first, case .scalar(let after) = second, splitAmount(before, after) {
                    diagnostics.warning(
                        "YAML-DECIMAL-COMMA",
                        "'\(before.text),\(after.text)' is two items of this list, '\(before.text)' and '\(after.text)': "
                            + "in a [flow list] a comma separates items even without a space; quote it: \"\(before.text),\(after.text)\"",
                        at: before.location)
                }
            }
            for item in items { check(item, diagnostics: &diagnostics) }
        }
    }

    /// Whether two neighbouring items were one amount: plain, on one line, the first
    /// ending and the second starting with a digit, nothing but the comma between them.
    static func splitAmount(_ before: YAMLScalar, _ after: YAMLScalar) -> Bool {
        guard !before.isQuoted, !after.isQuoted, !before.isBlock, !after.isBlock,
            before.location.line == after.location.line,
            before.text.last?.isASCII == true, before.text.last?.isNumber == true,
            after.text.first?.isASCII == true, after.text.first?.isNumber == true
        else { return false }
        return after.location.column == before.location.column + before.text.count + 1
    }
}
