using System.Globalization;
using AiProd.Contracts;
using Microsoft.Extensions.Primitives;

namespace AiProd.Gateway.Input;

/// <summary>The query of <c>GET /v1/videos</c>, read as strings and checked here, so each bad parameter is named.</summary>
public sealed record ListQuery(string? State, int PageSize, string? PageToken)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    private const int MaxTokenLength = 1024;

    public static (ListQuery? Query, IResult? Problem) Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var state = One(query, "state", errors);
        var size = One(query, "pageSize", errors);
        var token = One(query, "pageToken", errors);

        var states = VideoStages.All.ToList();
        if (state is not null && !states.Contains(state, StringComparer.Ordinal))
            errors.TryAdd("state", [$"'{Problems.Echo(state)}' is not a state; use one of {string.Join(", ", states)}."]);
        var pageSize = DefaultPageSize;
        if (size is not null && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
            errors.TryAdd("pageSize", [$"pageSize must be a whole number from 1 to {MaxPageSize}."]);
        if (token is not null && (token.Length is 0 or > MaxTokenLength))
            errors.TryAdd("pageToken", ["pageToken is not one this API issued; pass the nextPageToken of the previous page."]);

        return errors.Count > 0
            ? (null, Problems.Invalid(errors, "The list query is invalid."))
            : (new ListQuery(state, pageSize, token), null);
    }

    private static string? One(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out StringValues values))
            return null;
        if (values.Count != 1)
        {
            errors[name] = [$"Give {name} once."];
            return null;
        }

        return values[0];
    }
}
