using AiProd.SagaStore.Firestore.V1;

namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>The structured queries the store runs, built in one place.</summary>
public static class StructuredQueries
{
    /// <summary>The document name pseudo-field, the tie-breaker that makes an order total.</summary>
    public const string NameField = "__name__";

    /// <summary>
    /// Documents newest first by <paramref name="timestampField"/> (then by name, so equal times page stably),
    /// optionally only those whose <paramref name="equalsField"/> equals <paramref name="equalsValue"/>,
    /// starting after <paramref name="startAfter"/> (values: the last document's timestamp and name).
    /// </summary>
    public static StructuredQuery NewestFirst(string timestampField, int limit, string? equalsField = null, string? equalsValue = null, Cursor? startAfter = null)
    {
        var query = new StructuredQuery
        {
            OrderBy = { Order(timestampField, StructuredQuery.Types.Direction.Descending), Order(NameField, StructuredQuery.Types.Direction.Descending) },
            Limit = limit,
            StartAt = startAfter is null ? null : new Cursor { Values = { startAfter.Values }, Before = false },
        };
        if (equalsField is not null && equalsValue is not null)
        {
            query.Where = new StructuredQuery.Types.Filter
            {
                FieldFilter = new StructuredQuery.Types.FieldFilter
                {
                    Field = new() { FieldPath = equalsField },
                    Op = StructuredQuery.Types.FieldFilter.Types.Operator.Equal,
                    Value = new Value { StringValue = equalsValue },
                },
            };
        }

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
