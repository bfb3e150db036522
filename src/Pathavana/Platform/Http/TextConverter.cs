using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pathavana.Platform.Http;

/// <summary>
/// Every JSON string the API reads: refuses the NUL character (U+0000), which no name, address,
/// message or code contains and PostgreSQL cannot store in text. The refusal is a
/// <see cref="InvalidTextException"/>, answered as 400 naming the field.
/// </summary>
internal sealed class TextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidTextException("Text may not contain the NUL character (U+0000).");
        }
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string the API refuses for its content; the message says why and is shown to the client.</summary>
internal sealed class InvalidTextException(string message) : JsonException(message);

/// <summary>
/// Refuses a query string carrying NUL (<c>%00</c>) with 400 naming the parameter, before any
/// endpoint reads it (the same reason as <see cref="TextConverter"/>).
/// </summary>
internal sealed class QueryTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.Request.QueryString.HasValue && context.Request.QueryString.Value!.Contains("%00", StringComparison.Ordinal))
        {
            foreach (var (name, values) in context.Request.Query)
            {
                if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await problems.WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]>
                        {
                            [name.Replace("\0", "", StringComparison.Ordinal)] = ["Text may not contain the NUL character (U+0000)."],
                        })
                        {
                            Status = StatusCodes.Status400BadRequest,
                            Title = "The request is not valid.",
                        },
                    });
                    return;
                }
            }
        }
        await next(context);
    }
}
