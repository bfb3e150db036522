using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Pathavana.Platform.Http;

/// <summary>The HTTP side of <see cref="IdempotentRun{T}"/> that every idempotent endpoint shares.</summary>
internal static class IdempotentResults
{
    /// <summary>The <c>Idempotency-Key</c> request header, as the API document describes it.</summary>
    public const string KeyDescription = "Required: a key unique to this request (at most 255 characters, e.g. a UUID). "
                                         + "Repeating it with the same request replays the first answer (Idempotent-Replayed: true); "
                                         + "with another request it is refused (422). Kept 24 hours.";

    /// <summary>The response header that marks a replayed answer (<c>Idempotent-Replayed: true</c>).</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Marks <paramref name="response"/> as a replay when <paramref name="replayed"/>.</summary>
    public static void MarkReplayed(HttpResponse response, bool replayed)
    {
        if (replayed)
        {
            response.Headers[ReplayedHeader] = "true";
        }
    }

    /// <summary>
    /// A refused key as problem details: 400 naming the <c>Idempotency-Key</c> header when it is missing
    /// or too long; 422 when it was used for another request; 409 with <c>Retry-After: 1</c> while the
    /// first request still runs.
    /// </summary>
    public static ProblemHttpResult Refusal(IdempotencyRefusal refusal, HttpResponse response)
    {
        switch (refusal)
        {
            case IdempotencyRefusal.KeyMissing:
                return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    ["Idempotency-Key"] = ["Send a unique Idempotency-Key header (at most 255 characters, e.g. a UUID) with every booking request."],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "An Idempotency-Key header is required.",
                });
            case IdempotencyRefusal.KeyReused:
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "This Idempotency-Key was used for a different request.",
                    Detail = "Use a new key for a new request; repeat a request only with exactly the same body.",
                });
            default:
                response.Headers.RetryAfter = "1";
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "A request with this Idempotency-Key is still being processed.",
                    Detail = "Wait for it to finish, then repeat the request to get its result.",
                });
        }
    }

    /// <summary>A response recorded whole by an earlier release, replayed byte for byte (problem details from 400 up).</summary>
    public static ContentHttpResult Recorded(int status, string body, HttpResponse response)
    {
        MarkReplayed(response, replayed: true);
        return TypedResults.Text(body, status >= 400 ? "application/problem+json" : "application/json", Encoding.UTF8, status);
    }
}
