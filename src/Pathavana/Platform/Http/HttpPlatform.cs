using Scalar.AspNetCore;

namespace Pathavana.Platform.Http;

/// <summary>Problem details for every error, the OpenAPI document and its interactive docs.</summary>
internal static class HttpPlatform
{
    public static void AddHttpPlatform(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // ASP.NET Core adds "traceId" (the request's W3C trace context) itself.
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures become exceptions everywhere, so the handler can name the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddValidation();
        builder.Services.AddOpenApi(options => options.AddApiContract());
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(
                System.Text.Json.JsonNamingPolicy.CamelCase));
            options.SerializerOptions.Converters.Add(new Iso8601DurationConverter());
            options.SerializerOptions.Converters.Add(new TextConverter());
        });
    }

    public static void UseHttpPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<QueryTextMiddleware>();
    }

    public static void MapPlatformDocs(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference("/docs");
        }
    }
}
