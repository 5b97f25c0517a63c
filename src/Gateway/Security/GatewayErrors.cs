using System.Net.Sockets;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AiProd.Gateway.Security;

/// <summary>
/// Problem details the framework writes (status code pages, the exception handler): never an exception's message,
/// type or stack; a request Kestrel refused while it was read names <c>body</c>; a store or bus out of reach is a 503
/// with <c>Retry-After</c>, since trying again later helps.
/// </summary>
public static class GatewayErrors
{
    /// <summary>Seconds a caller is asked to wait when a backing service is out of reach.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("exception");
        problem.Detail = context.Exception is null ? problem.Detail : null;
        var error = context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error ?? context.Exception;
        if (error is BadHttpRequestException bad)
        {
            context.HttpContext.Response.StatusCode = bad.StatusCode;
            problem.Status = bad.StatusCode;
            problem.Title = "The request could not be read.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = ["The request was malformed, incomplete or too large."] };
        }
        else if (error is not null && IsUnavailable(error))
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.HttpContext.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            problem.Status = StatusCodes.Status503ServiceUnavailable;
            problem.Title = "The video store or the message bus is out of reach for the moment; nothing was lost. Try again shortly.";
            problem.Extensions["code"] = "service_unavailable";
            problem.Extensions["retryable"] = true;
        }
        else if (context.Exception is not null)
        {
            problem.Title = "Something went wrong on our side; the request was not completed.";
            problem.Extensions["code"] = "internal_error";
            problem.Extensions["retryable"] = false;
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> (or what caused it) says a backing service could not be reached or did not answer
    /// in time — Firestore or Pub/Sub unavailable or past its deadline, SQLite busy, a refused or reset connection —
    /// rather than that the request or our code is wrong.
    /// </summary>
    public static bool IsUnavailable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case TimeoutException:
                case SocketException:
                case HttpRequestException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
            }
        }

        return false;
    }
}
