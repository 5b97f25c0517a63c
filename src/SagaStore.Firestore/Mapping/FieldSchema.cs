using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AiProd.SagaStore.Firestore.Mapping;

/// <summary>What a JSON value stands for in the CLR, and so which Firestore type it is written as.</summary>
public enum FieldKind
{
    /// <summary>Not known from the type (<c>object</c>, a custom converter): written by its JSON shape alone.</summary>
    Unknown,

    /// <summary><see cref="DateTimeOffset"/> or <see cref="DateTime"/>: a <c>timestampValue</c>.</summary>
    Timestamp,

    /// <summary>A whole-number type (<c>int</c>, <c>long</c>, ...): an <c>integerValue</c>.</summary>
    Integer,

    /// <summary><c>double</c> or <c>float</c>: a <c>doubleValue</c>.</summary>
    Double,

    /// <summary><c>decimal</c>: a <c>doubleValue</c> when the double holds it exactly (money always does), else its exact text.</summary>
    Decimal,

    /// <summary>An object with named properties: a <c>mapValue</c>, each field typed by its property.</summary>
    Object,

    /// <summary>A list or array: an <c>arrayValue</c> of its element type.</summary>
    Array,

    /// <summary>A dictionary: a <c>mapValue</c> whose values share one type.</summary>
    Dictionary,
}

/// <summary>
/// The Firestore types of a CLR type's JSON, taken from the serializer's own contract (<see cref="JsonTypeInfo"/>: the
/// property names after the naming policy, element and value types), so a field is typed by what it is, at every depth
/// (history entries, renders, costs), rather than by what its text looks like.
/// </summary>
public sealed class FieldSchema
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, ConcurrentDictionary<Type, FieldSchema>> Cache = new();

    private FieldSchema(FieldKind kind) => Kind = kind;

    /// <summary>A value whose type is not known: mapped by its JSON shape.</summary>
    public static FieldSchema Unknown { get; } = new(FieldKind.Unknown);

    public FieldKind Kind { get; private set; }

    /// <summary>The properties of an <see cref="FieldKind.Object"/>, by JSON name.</summary>
    public IReadOnlyDictionary<string, FieldSchema> Properties { get; private set; } = new Dictionary<string, FieldSchema>();

    /// <summary>The items of an <see cref="FieldKind.Array"/>, or the values of a <see cref="FieldKind.Dictionary"/>.</summary>
    public FieldSchema Element { get; private set; } = Unknown;

    /// <summary>The schema of a property of this object, <see cref="Unknown"/> when it has none of that name.</summary>
    public FieldSchema Property(string name) => Properties.TryGetValue(name, out var schema) ? schema : Unknown;

    /// <summary>The schema of <paramref name="type"/> as <paramref name="options"/> serialize it (cached per options and type).</summary>
    public static FieldSchema For(Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var byType = Cache.GetValue(options, _ => new ConcurrentDictionary<Type, FieldSchema>());
        if (byType.TryGetValue(type, out var cached))
            return cached;
        var building = new Dictionary<Type, FieldSchema>();
        var schema = Build(type, options, building);
        foreach (var (t, s) in building)
            byType.TryAdd(t, s);
        return schema;
    }

    private static FieldSchema Build(Type type, JsonSerializerOptions options, Dictionary<Type, FieldSchema> building)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (building.TryGetValue(type, out var seen))
            return seen;
        if (Scalar(type) is { } scalar)
            return scalar;
        if (type == typeof(object) || type.IsInterface && !IsCollectionInterface(type))
            return Unknown;

        var info = options.GetTypeInfo(type);
        var schema = new FieldSchema(FieldKind.Unknown);
        building[type] = schema; // before the properties: a type that contains itself ends here
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                schema.Kind = FieldKind.Object;
                var properties = new Dictionary<string, FieldSchema>(StringComparer.Ordinal);
                foreach (var property in info.Properties)
                    properties[property.Name] = Build(property.PropertyType, options, building);
                schema.Properties = properties;
                break;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } element:
                schema.Kind = FieldKind.Array;
                schema.Element = Build(element, options, building);
                break;
            case JsonTypeInfoKind.Dictionary when info.ElementType is { } value:
                schema.Kind = FieldKind.Dictionary;
                schema.Element = Build(value, options, building);
                break;
        }

        return schema;
    }

    private static readonly FieldSchema Timestamp = new(FieldKind.Timestamp);
    private static readonly FieldSchema Decimal = new(FieldKind.Decimal);
    private static readonly FieldSchema Double = new(FieldKind.Double);
    private static readonly FieldSchema Integer = new(FieldKind.Integer);

    private static FieldSchema? Scalar(Type type)
    {
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            return Timestamp;
        if (type == typeof(decimal))
            return Decimal;
        if (type == typeof(double) || type == typeof(float) || type == typeof(Half))
            return Double;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte)
            || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong))
            return Integer;
        // Strings, booleans, enums (written as names), Guids, TimeSpans and the like keep the type their JSON has.
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(TimeSpan) ? Unknown : null;
    }

    private static bool IsCollectionInterface(Type type) =>
        type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
}
