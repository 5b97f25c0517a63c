using AiProd.SagaStore.Firestore.V1;

namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>The structured queries the store runs, built in one place.</summary>
public static class StructuredQueries
{
    /// <summary>The document name pseudo-field, the tie-breaker that makes an order total.</summary>
    public const string NameField = "__name__";

    /// <summary>
    /// Documents newest first by <paramref name="timestampField"/> (then by name), only those whose fields equal every
    /// one of <paramref name="equals"/> (string values), starting after <paramref name="startAfter"/>.
    /// </summary>
    /// With <paramref name="select"/>, only those fields are returned (a field mask); the name always is.
    public static StructuredQuery NewestFirst(string timestampField, int limit, IReadOnlyList<(string Field, string Value)> equals, Cursor? startAfter = null,
        IReadOnlyList<string>? select = null)
    {
        var query = new StructuredQuery
        {
            Select = select is null ? null : new StructuredQuery.Types.Projection { Fields = { select.Select(f => new StructuredQuery.Types.FieldReference { FieldPath = f }) } },
            OrderBy = { Order(timestampField, StructuredQuery.Types.Direction.Descending), Order(NameField, StructuredQuery.Types.Direction.Descending) },
            Limit = limit,
            StartAt = startAfter is null ? null : new Cursor { Values = { startAfter.Values }, Before = false },
        };
        var filters = equals.Select(e => new StructuredQuery.Types.Filter
        {
            FieldFilter = new StructuredQuery.Types.FieldFilter
            {
                Field = new() { FieldPath = e.Field },
                Op = StructuredQuery.Types.FieldFilter.Types.Operator.Equal,
                Value = new Value { StringValue = e.Value },
            },
        }).ToList();
        query.Where = filters.Count switch
        {
            0 => null,
            1 => filters[0],
            _ => new StructuredQuery.Types.Filter
            {
                CompositeFilter = new StructuredQuery.Types.CompositeFilter { Op = StructuredQuery.Types.CompositeFilter.Types.Operator.And, Filters = { filters } },
            },
        };
        return query;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> documents whose integer field <paramref name="field"/> is at most
    /// <paramref name="atMost"/>, smallest first (a single-field range: Firestore's automatic index serves it).
    /// </summary>
    public static StructuredQuery AtMost(string field, long atMost, int limit) => new()
    {
        Where = new StructuredQuery.Types.Filter
        {
            FieldFilter = new StructuredQuery.Types.FieldFilter
            {
                Field = new() { FieldPath = field },
                Op = StructuredQuery.Types.FieldFilter.Types.Operator.LessThanOrEqual,
                Value = new Value { IntegerValue = atMost },
            },
        },
        OrderBy = { Order(field, StructuredQuery.Types.Direction.Ascending) },
        Limit = limit,
    };

    /// <summary>Every document by name, <paramref name="limit"/> at a time, after the document named <paramref name="afterName"/>.</summary>
    public static StructuredQuery ByName(int limit, string? afterName = null) => new()
    {
        OrderBy = { Order(NameField, StructuredQuery.Types.Direction.Ascending) },
        Limit = limit,
        StartAt = afterName is null ? null : new Cursor { Values = { new Value { ReferenceValue = afterName } }, Before = false },
    };

    private static StructuredQuery.Types.Order Order(string field, StructuredQuery.Types.Direction direction) =>
        new() { Field = new() { FieldPath = field }, Direction = direction };
}
