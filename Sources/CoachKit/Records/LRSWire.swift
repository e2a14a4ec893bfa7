import Foundation

/// An LRS request and its answer as JSON, to hand an attempt to a child process and back
/// (``LRSRequest``, ``LRSResponse``): the child does the network, so that whatever an LRS
/// sends can at worst end the child, never the command and its records.
public enum LRSWire {
    public static func encode(_ request: LRSRequest) -> Data {
        let object: [String: Any] = [
            "url": request.url.absoluteString,
            "headers": request.headers.map { [$0.0, $0.1] },
            "body": request.body.base64EncodedString(),
            "time-limit": request.timeLimit.isFinite ? request.timeLimit : -1,
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    public static func decodeRequest(_ data: Data) -> LRSRequest? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let url = (object["url"] as? String).flatMap(URL.init(string:)),
            let pairs = object["headers"] as? [[String]], pairs.allSatisfy({ $0.count == 2 }),
            let body = (object["body"] as? String).flatMap({ Data(base64Encoded: $0) }),
            let limit = object["time-limit"] as? Double
        else { return nil }
        return LRSRequest(
            url: url, headers: pairs.map { ($0[0], $0[1]) }, body: body, timeLimit: limit < 0 ? .infinity : limit)
    }

    public static func encode(_ response: LRSResponse) -> Data {
        var object: [String: Any]
        switch response {
        case .response(let status, let body, let retryAfter):
            object = ["kind": "response", "status": status, "body": body.base64EncodedString()]
            if let retryAfter { object["retry-after"] = retryAfter }
        case .redirect(let status, let location):
            object = ["kind": "redirect", "status": status]
            if let location { object["location"] = location.absoluteString }
        case .failed(let reason):
            object = ["kind": "failed", "reason": reason]
        }
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    public static func decodeResponse(_ data: Data) -> LRSResponse? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let kind = object["kind"] as? String
        else { return nil }
        switch kind {
        case "response":
            guard let status = object["status"] as? Int,
                let body = (object["body"] as? String).flatMap({ Data(base64Encoded: $0) })
            else { return nil }
            return .response(status: status, body: body, retryAfter: object["retry-after"] as? Double)
        case "redirect":
            guard let status = object["status"] as? Int else { return nil }
            return .redirect(status: status, location: (object["location"] as? String).flatMap(URL.init(string:)))
        case "failed":
            return (object["reason"] as? String).map { .failed($0) }
        default:
            return nil
        }
    }
}
