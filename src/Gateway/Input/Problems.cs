namespace AiProd.Gateway.Input;

/// <summary>The gateway's 4xx answers: RFC 7807 problem details whose <c>errors</c> name each bad field, header or <c>body</c>.</summary>
public static class Problems
{
    /// <summary>Longest field name echoed back in <c>errors</c>; longer (hostile) names are cut.</summary>
    private const int MaxEchoedName = 64;

    public static IResult Invalid(IDictionary<string, string[]> errors, string title = "The request is invalid.", int status = StatusCodes.Status400BadRequest, IDictionary<string, object?>? extensions = null) =>
        Results.ValidationProblem(errors, title: title, statusCode: status, extensions: extensions);

    public static IResult Field(string field, string message, string title = "The request is invalid.", int status = StatusCodes.Status400BadRequest) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, title, status);

    /// <summary>A client-supplied name made safe to echo: printable, at most <see cref="MaxEchoedName"/> characters.</summary>
    public static string Echo(string name)
    {
        var printable = new string([.. name.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(MaxEchoedName)]);
        return printable.Length == 0 ? "(unnamed)" : printable;
    }
}
