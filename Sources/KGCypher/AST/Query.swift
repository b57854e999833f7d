/// A parsed Cypher statement: one or more single queries joined by UNION [ALL].
public struct Statement: Sendable, Hashable {
  public var queries: [SingleQuery]
  /// `unionAll[i]` joins `queries[i]` and `queries[i + 1]` (true for UNION ALL).
  public var unionAll: [Bool]

  public init(queries: [SingleQuery], unionAll: [Bool] = []) {
    self.queries = queries
    self.unionAll = unionAll
  }
}

/// A sequence of clauses ending (for reading queries) in RETURN.
public struct SingleQuery: Sendable, Hashable {
  public var clauses: [Clause]
  public init(clauses: [Clause]) { self.clauses = clauses }
}

/// One clause with its position in the query text (UTF-8 offset of its first token).
public enum Clause: Sendable, Hashable {
  /// `[OPTIONAL] MATCH pattern [WHERE expr]`
  case match(Match)
  /// `CREATE pattern`
  case create(Pattern)
  /// `UNWIND expr AS variable`
  case unwind(Expression, variable: String)
  /// `WITH projection [WHERE expr]`
  case with(Projection, where: Expression?)
  /// `RETURN projection`
  case `return`(Projection)
}

public struct Match: Sendable, Hashable {
  public var optional: Bool
  public var pattern: Pattern
  public var predicate: Expression?

  public init(optional: Bool, pattern: Pattern, predicate: Expression?) {
    self.optional = optional
    self.pattern = pattern
    self.predicate = predicate
  }
}

/// `RETURN` / `WITH` body: `[DISTINCT] items [ORDER BY ...] [SKIP e] [LIMIT e]`.
public struct Projection: Sendable, Hashable {
  /// `*` (all variables in scope) before the items.
  public var includesAll: Bool
  public var distinct: Bool
  public var items: [ProjectionItem]
  public var orderBy: [SortItem]
  public var skip: Expression?
  public var limit: Expression?

  public init(
    includesAll: Bool = false, distinct: Bool = false, items: [ProjectionItem], orderBy: [SortItem] = [],
    skip: Expression? = nil, limit: Expression? = nil
  ) {
    self.includesAll = includesAll
    self.distinct = distinct
    self.items = items
    self.orderBy = orderBy
    self.skip = skip
    self.limit = limit
  }
}

public struct ProjectionItem: Sendable, Hashable {
  public var expression: Expression
  /// The column name: the alias after AS, or the expression's text as written.
  public var name: String
  /// Whether AS gave the name.
  public var isAliased: Bool

  public init(expression: Expression, name: String, isAliased: Bool) {
    self.expression = expression
    self.name = name
    self.isAliased = isAliased
  }
}

public struct SortItem: Sendable, Hashable {
  public var expression: Expression
  public var ascending: Bool

  public init(expression: Expression, ascending: Bool) {
    self.expression = expression
    self.ascending = ascending
  }
}
