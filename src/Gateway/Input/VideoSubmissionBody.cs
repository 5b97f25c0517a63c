using AiProd.Contracts;

namespace AiProd.Gateway.Input;

/// <summary>The body of <c>POST /v1/videos</c>: the request for the pipeline, and where to call back (the gateway's own business).</summary>
public sealed record VideoSubmissionBody(VideoRequest Request, string? CallbackUrl);
