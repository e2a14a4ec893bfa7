/// One step into a YAML tree: a mapping key or a list index.
enum YAMLPathComponent: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

extension YAMLNode {
    /// The node at `path`, if the tree has one there.
    ///
    /// Lint reads the scenario model, which keeps only the locations the engine needs;
    /// to point at the exact word of a guard it looks the place up in the tree.
    func at(_ path: YAMLPathComponent...) -> YAMLNode? { at(path) }

    func at(_ path: [YAMLPathComponent]) -> YAMLNode? {
        var node = self
        for component in path {
            switch (component, node) {
            case (.key(let key), .mapping(let mapping)):
                guard let next = mapping[key] else { return nil }
                node = next
            case (.index(let index), .sequence(let items, _)):
                guard items.indices.contains(index) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    /// The location of the key `key` in the mapping at `path`.
    func keyLocation(_ key: String, in path: [YAMLPathComponent] = []) -> SourceLocation? {
        guard case .mapping(let mapping)? = at(path) else { return nil }
        return mapping.entry(key)?.keyLocation
    }

    /// The location of the list item (or single value) whose text is `text`.
    func item(_ text: String) -> SourceLocation? {
        switch self {
        case .scalar(let scalar): scalar.text == text ? scalar.location : nil
        case .sequence(let items, _): items.lazy.compactMap { $0.item(text) }.first
        case .mapping: nil
        }
    }

    /// The scalars of this node, in order, whatever its nesting (lines and their parts).
    var allScalars: [YAMLScalar] {
        switch self {
        case .scalar(let scalar): scalar.isNull ? [] : [scalar]
        case .sequence(let items, _): items.flatMap(\.allScalars)
        case .mapping(let mapping): mapping.entries.flatMap(\.value.allScalars)
        }
    }
}
