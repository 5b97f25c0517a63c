using System.Collections;
using System.Reflection;
using AiProd.Contracts;

namespace AiProd.Workers.Tests.Wire;

/// <summary>
/// One instance of every message on the bus, built by reflection so a new contract is covered without a test change:
/// every decimal is <see cref="Money"/>, every string "x", every list holds one item, every init property is set.
/// </summary>
internal static class SampleMessages
{
    public const decimal Money = 0.0049m;

    /// <summary>Every command and event the pipeline sends, and the public messages.</summary>
    public static IEnumerable<Type> Types() =>
        typeof(IVideoMessage).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(IVideoMessage).IsAssignableFrom(t) || PublicTopics.All.Contains(t)))
            .OrderBy(t => t.Name);

    /// <summary>Whether <paramref name="type"/> carries a decimal anywhere in its graph.</summary>
    public static bool HasMoney(Type type, HashSet<Type>? seen = null)
    {
        seen ??= [];
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(decimal))
            return true;
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || !seen.Add(type))
            return false;
        if (type.IsArray)
            return HasMoney(type.GetElementType()!, seen);
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
            return type.GetGenericArguments().Any(a => HasMoney(a, seen));
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => HasMoney(p.PropertyType, seen));
    }

    public static object Create(Type type, int depth = 0)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
            return Create(underlying, depth);
        if (type == typeof(string))
            return "x";
        if (type == typeof(decimal))
            return Money;
        if (type == typeof(double) || type == typeof(float))
            return Convert.ChangeType(1.5, type, System.Globalization.CultureInfo.InvariantCulture);
        if (type == typeof(int) || type == typeof(long))
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        if (type == typeof(bool))
            return true;
        if (type == typeof(Guid))
            return Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        if (type == typeof(DateTimeOffset))
            return new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero);
        if (type == typeof(DateTime))
            return new DateTime(2026, 11, 25, 19, 0, 0, DateTimeKind.Utc);
        if (type == typeof(TimeSpan))
            return TimeSpan.FromSeconds(90);
        if (type.IsEnum)
            return Enum.GetValues(type).GetValue(0)!;
        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(Create(type.GetElementType()!, depth + 1), 0);
            return array;
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var args = type.GetGenericArguments();
            if (args.Length == 2)
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                dictionary[Create(args[0], depth + 1)] = Create(args[1], depth + 1);
                return dictionary;
            }

            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args))!;
            if (depth < 6)
                list.Add(Create(args[0], depth + 1));
            return list;
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = constructor.GetParameters();
        var instance = constructor.Invoke([.. parameters.Select(p => Create(p.ParameterType, depth + 1))]);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && !parameters.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
                property.SetValue(instance, Create(property.PropertyType, depth + 1));
        }

        return instance;
    }
}
