import Foundation

/// URLs as coach prints and stores them: without the parts that may hold a secret.
///
/// Some LRSs take a token in the query string (`…/xapi?token=…`), and a URL may carry
/// `user:password@`. coach still sends to the URL as given, but anything it prints or writes to
/// the database shows the query as `?REDACTED` and drops the user, password and fragment, so
/// terminal logs, cron mail and the `lrs_delivery` table never hold the secret.
public enum URLRedaction {
    /// What a query string is shown as.
    public static let placeholder = "REDACTED"

    /// `https://lrs.example/xapi/statements?REDACTED` for `https://u:p@lrs.example/xapi/statements?token=abc#x`.
    public static func text(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return text(url.absoluteString) }
        let hadQuery = parts.percentEncodedQuery != nil
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        guard let plain = parts.string else { return text(url.absoluteString) }
        return plain + (hadQuery ? "?" + placeholder : "")
    }

    /// The same for text that may not parse as a URL (an endpoint given on the command line).
    public static func text(_ string: String) -> String {
        if let url = URL(string: string), url.scheme != nil { return text(url) }
        var rest = Substring(string)
        var query = false
        if let mark = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            query = rest[mark] == "?"
            rest = rest[..<mark]
        }
        // `scheme://user:password@host…`: keep the scheme, drop what precedes the last `@` of the authority.
        if let authority = rest.range(of: "://") {
            let hostEnd = rest[authority.upperBound...].firstIndex(of: "/") ?? rest.endIndex
            if let at = rest[authority.upperBound..<hostEnd].lastIndex(of: "@") {
                rest = rest[..<authority.upperBound] + rest[rest.index(after: at)...]
            }
        }
        return String(rest) + (query ? "?" + placeholder : "")
    }

    /// The host, with the port when one is given: what a person needs to recognise a server.
    public static func host(_ url: URL) -> String {
        guard let host = URLComponents(url: url, resolvingAgainstBaseURL: true)?.host ?? url.host else { return "an unnamed host" }
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return url.port.map { "\(shown):\($0)" } ?? shown
    }

    /// `message` with the query of `url` (and its longer values alone) replaced, for text that
    /// came from elsewhere and may echo the URL back: an LRS's error body, a network error.
    public static func scrub(_ message: String, of url: URL) -> String {
        guard let parts = URLComponents(url: url, resolvingAgainstBaseURL: true), let query = parts.percentEncodedQuery,
            !query.isEmpty
        else { return message }
        // Values shorter than 8 characters would blank out ordinary words and numbers; a secret is longer.
        let values = (parts.queryItems ?? []).compactMap(\.value).filter { $0.count >= 8 }
        var secrets = [query, parts.query ?? query] + values
        for value in values {
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { secrets.append(encoded) }
        }
        var scrubbed = message
        for secret in Set(secrets).sorted(by: { $0.count > $1.count }) where !secret.isEmpty {
            scrubbed = scrubbed.replacingOccurrences(of: secret, with: placeholder)
        }
        return scrubbed
    }
}
