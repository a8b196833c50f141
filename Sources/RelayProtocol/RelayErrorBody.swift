/// The error body of every Persona error response (relay-protocol.md §7):
/// `{"errors":[{"title": …, "details": …, "code": …, "meta": {…}}]}`.
public struct RelayErrorBody: Codable, Sendable, Hashable {
    /// One error.
    public struct Entry: Codable, Sendable, Hashable {
        /// A short summary ("Not found").
        public var title: String
        /// What went wrong, for a developer.
        public var details: String?
        /// A stable snake_case code (`privacy_pass_already_redeemed`).
        public var code: String?
        /// Further structured detail.
        public var meta: JSONValue?

        /// An error entry.
        public init(title: String, details: String? = nil, code: String? = nil, meta: JSONValue? = nil) {
            self.title = title
            self.details = details
            self.code = code
            self.meta = meta
        }
    }

    /// The errors; clients read the first.
    public var errors: [Entry]

    /// A body holding `errors`.
    public init(errors: [Entry]) {
        self.errors = errors
    }

    /// A body holding one error.
    public init(title: String, details: String? = nil, code: String? = nil, meta: JSONValue? = nil) {
        self.errors = [Entry(title: title, details: details, code: code, meta: meta)]
    }

    /// Reads an error body; `nil` unless `bytes` is a JSON object whose `errors` is a non-empty array whose first
    /// element is an object with a string `title` (§7: clients read `errors[0]`). Later elements are kept when they
    /// have a string `title` and skipped otherwise; members of the wrong type are dropped.
    public static func parse(_ bytes: some Collection<UInt8>) -> RelayErrorBody? {
        guard let value = try? JSONValue.parse(bytes), case .array(let list)? = value["errors"],
            let first = list.first, first["title"]?.stringValue != nil
        else { return nil }
        var entries: [Entry] = []
        for element in list {
            guard let title = element["title"]?.stringValue else { continue }
            entries.append(
                Entry(
                    title: title, details: element["details"]?.stringValue, code: element["code"]?.stringValue,
                    meta: element["meta"].flatMap { $0.isNull ? nil : $0 }))
        }
        return RelayErrorBody(errors: entries)
    }

    /// Compact JSON: `{"errors":[{"title":…,"details":…,"code":…,"meta":…}]}`, absent members omitted.
    public func serialized() -> [UInt8] {
        var output = Array("{\"errors\":[".utf8)
        for (index, entry) in errors.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output += Array("{\"title\":".utf8)
            JSONWriter.writeString(entry.title, into: &output)
            if let details = entry.details {
                output += Array(",\"details\":".utf8)
                JSONWriter.writeString(details, into: &output)
            }
            if let code = entry.code {
                output += Array(",\"code\":".utf8)
                JSONWriter.writeString(code, into: &output)
            }
            if let meta = entry.meta {
                output += Array(",\"meta\":".utf8)
                JSONWriter.write(meta, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
        output += Array("]}".utf8)
        return output
    }

    /// The title §7 gives a status when the body says nothing usable (the Go SDK's table).
    public static func defaultTitle(forStatus status: Int) -> String {
        switch status {
        case 400: return "Bad request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not found"
        case 429: return "Rate limited"
        case 502: return "Bad gateway"
        case 503: return "Service unavailable"
        case 504: return "Gateway timeout"
        default: return "Internal server error"
        }
    }

    /// The code §13.7 gives a status when nothing more specific applies.
    public static func defaultCode(forStatus status: Int) -> String {
        switch status {
        case 400: return "invalid_request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not_found"
        case 409: return "conflict"
        case 422: return "unprocessable_entity"
        case 429: return "rate_limited"
        default: return status >= 500 ? "internal_error" : "invalid_request"
        }
    }
}
