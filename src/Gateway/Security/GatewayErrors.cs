using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AiProd.Gateway.Security;

/// <summary>
/// Problem details the framework writes (status code pages, the exception handler): never an exception's message,
/// type or stack; a request Kestrel refused while it was read names <c>body</c>.
/// </summary>
public static class GatewayErrors
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("exception");
        problem.Detail = context.Exception is null ? problem.Detail : null;
        if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
        {
            context.HttpContext.Response.StatusCode = bad.StatusCode;
            problem.Status = bad.StatusCode;
            problem.Title = "The request could not be read.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = ["The request was malformed, incomplete or too large."] };
        }
        else if (context.Exception is not null)
        {
            problem.Title = "Something went wrong on our side; the request was not completed.";
        }
    }
}
