using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pathavana.Platform.Http;

/// <summary>
/// What the served OpenAPI document (<c>/openapi/v1.json</c>) says beyond what the endpoints' own
/// metadata gives: who Pathavana is (title, licence, contact, servers, tag descriptions), how a
/// client signs in (the bearer token and the web app's cookie), and the errors every operation can
/// answer. The document is linted with Redocly's recommended rules in the suite (docs/web.md).
/// </summary>
internal static class ApiContract
{
    /// <summary>The bearer-token security scheme: <c>Authorization: Bearer &lt;access token&gt;</c>.</summary>
    public const string BearerScheme = "bearerToken";

    /// <summary>The web app's session cookie security scheme.</summary>
    public const string CookieScheme = "sessionCookie";

    public const string ProblemJson = "application/problem+json";

    /// <summary>Each tag (one per module) with what its operations are for; Redocly wants every tag described.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Account"] = "Sign-up, sign-in (password or Google), tokens, email confirmation, password changes and sign-out.",
        ["Admin"] = "Administrators only: the audit log and user roles.",
        ["Assistant"] = "Chat sessions with the travel assistant: messages (JSON or server-sent events), picked offers, turning picks into a trip. Anonymous sessions belong to the browser until sign-in claims them.",
        ["Bookings"] = "Booking a trip's offers with the provider (idempotent with an Idempotency-Key header), listing, reading and cancelling bookings.",
        ["Health"] = "Liveness and readiness probes.",
        ["Inventory"] = "Flight, hotel and activity search, offers and price checks, places and airport/city lookup. Offline deployments answer from a simulator and mark results simulated.",
        ["Privacy"] = "Data export, account erasure and consents (GDPR).",
        ["Travelers"] = "Traveller profiles (names, birth dates, documents, loyalty numbers) kept for booking; personal data is encrypted at rest.",
        ["Trips"] = "Trip plans: days, ordered items, budget, review before booking, calendar export and read-only share links.",
    };

    public static void AddApiContract(this Microsoft.AspNetCore.OpenApi.OpenApiOptions options)
    {
        options.AddDocumentTransformer<DocumentTransformer>();
        options.AddOperationTransformer<OperationTransformer>();
        options.AddSchemaTransformer<TextSchemaTransformer>();
    }

    /// <summary>Info, licence (the repository's LICENSE: Apache-2.0), contact, servers, tags and the two security schemes.</summary>
    internal sealed class DocumentTransformer : IOpenApiDocumentTransformer
    {
        public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info = new OpenApiInfo
            {
                Title = "Pathavana API",
                Version = "v1",
                Summary = "The API of Pathavana, an open, self-hostable AI travel planner.",
                Description = "Search flights, hotels and activities, plan trips day by day with the assistant, keep traveller "
                              + "profiles and book. Errors are RFC 9457 problem details (application/problem+json); a 400 names "
                              + "each invalid field under `errors`. Every request under /api counts against the client's rate "
                              + "limit (429 with Retry-After). Sign in with POST /api/v1/account/login: without `useCookies` it "
                              + "returns a bearer token, with `useCookies=true` it sets the web app's cookie (state-changing "
                              + "requests signed in by cookie also send the X-XSRF-TOKEN header from GET /api/v1/account/antiforgery).",
                Contact = new OpenApiContact
                {
                    Name = "Pathavana maintainers",
                    Url = new Uri("https://github.com/pathavana/pathavana"),
                },
                License = new OpenApiLicense
                {
                    Name = "Apache License 2.0",
                    Identifier = "Apache-2.0",
                },
            };
            // Relative: the API is served by the deployment that serves this document.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The Pathavana deployment serving this document." }];

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "opaque",
                Description = "The `accessToken` from POST /api/v1/account/login (without useCookies), /account/google or "
                              + "/account/refresh, sent as `Authorization: Bearer <token>`. It is opaque (not a JWT) and expires "
                              + "after `expiresIn` seconds; exchange the `refreshToken` for a new pair.",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Accounts.AccountsModule.CookieName,
                Description = "The web app's HttpOnly session cookie, set by POST /api/v1/account/login?useCookies=true. "
                              + $"State-changing requests signed in this way must also send the `{Accounts.AccountsModule.AntiforgeryHeader}` "
                              + "header with the token from GET /api/v1/account/antiforgery (otherwise 400).",
            };

            foreach (var type in new[] { typeof(ProblemDetails), typeof(HttpValidationProblemDetails) })
            {
                if (document.Components.Schemas?.ContainsKey(type.Name) != true)
                {
                    document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
                }
            }

            var used = document.Paths.Values
                .SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                .SelectMany(operation => operation.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                .Select(tag => tag.Name)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            document.Tags = new HashSet<OpenApiTag>(
                used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
                {
                    Name = name,
                    Description = Tags.TryGetValue(name, out var description) ? description : null,
                }));
        }
    }

    /// <summary>
    /// Per operation: the security requirement read from the endpoint's authorization metadata, and
    /// the problem-details responses it can answer besides those its own results declare.
    /// </summary>
    internal sealed class OperationTransformer : IOpenApiOperationTransformer
    {
        public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var document = context.Document
                ?? throw new InvalidOperationException("The OpenAPI operation transformer ran without its document.");
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var access = AccessOf(metadata);
            var bearer = new OpenApiSecuritySchemeReference(BearerScheme, document);
            var cookie = new OpenApiSecuritySchemeReference(CookieScheme, document);
            operation.Security = access switch
            {
                // Either scheme signs the caller in (the policy scheme picks by the Authorization header).
                Access.SignedIn or Access.Role => [new() { [bearer] = [] }, new() { [cookie] = [] }],
                // Anyone; a signed-in caller is recognised (e.g. chat sessions then belong to the user).
                Access.Optional => [new(), new() { [bearer] = [] }, new() { [cookie] = [] }],
                _ => [new()],
            };

            // By reference: the document transformer makes sure both schemas are in the components.
            IOpenApiSchema problem = new OpenApiSchemaReference(nameof(ProblemDetails), document);
            IOpenApiSchema validation = new OpenApiSchemaReference(nameof(HttpValidationProblemDetails), document);
            operation.Responses ??= new OpenApiResponses();
            var responses = operation.Responses;

            // The endpoints' own error results ("404 Not Found" from TypedResults.NotFound()) declare no
            // body; the status-code pages answer them with problem details.
            foreach (var (status, response) in responses.ToList())
            {
                if (int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code) && code >= 400
                    && response is OpenApiResponse concrete && (concrete.Content is null || concrete.Content.Count == 0))
                {
                    concrete.Content = Problem(code == 400 ? validation : problem);
                }
            }

            var method = context.Description.HttpMethod ?? "GET";
            var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
            // A path parameter never fails binding: its route constraint makes a bad value a 404.
            var takesInput = operation.RequestBody is not null
                             || (operation.Parameters ?? []).Any(p => p.In is not ParameterLocation.Path);
            // Bad input (binding, validation), and a cookie-signed change without its antiforgery token.
            if (takesInput || (unsafeMethod && access != Access.Anonymous))
            {
                Add(responses, "400", "The request is not valid: `errors` names each field and what is wrong with it, "
                                      + "or the antiforgery token is missing.", validation);
            }
            if (access is Access.SignedIn or Access.Role)
            {
                Add(responses, "401", "Not signed in, or the session has ended or was revoked.", problem);
            }
            else if (Answers<Microsoft.AspNetCore.Http.HttpResults.UnauthorizedHttpResult>(metadata))
            {
                // TypedResults.Unauthorized() declares no response of its own.
                Add(responses, "401", "Not recognised: the refresh token, or the sign-in or this browser's cookie the "
                                      + "resource belongs to, is missing, invalid or expired.", problem);
            }
            if (access is Access.Role)
            {
                Add(responses, "403", "Signed in without the role this operation needs.", problem);
            }
            var route = context.Description.RelativePath ?? "";
            if (route.Contains('{', StringComparison.Ordinal))
            {
                // Owner-scoped: another user's id answers 404 too, never 403.
                const string notYours = "Nothing with this id belongs to you (or it does not exist).";
                if (responses.TryGetValue("404", out var declared) && declared is OpenApiResponse own && own.Description == "Not Found")
                {
                    own.Description = notYours;
                }
                Add(responses, "404", notYours, problem);
            }
            if (route.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            {
                Add(responses, "429", "Too many requests from this client; wait the number of seconds in Retry-After.", problem,
                    "How many seconds to wait before trying again.");
            }
            Add(responses, "503", "A service Pathavana depends on (database, cache or travel provider) is unavailable; "
                                  + "nothing was changed. Try again after Retry-After seconds.", problem,
                "How many seconds to wait before trying again (when known).");
            return Task.CompletedTask;
        }

        /// <summary>Whether the handler's declared results (<c>Results&lt;…&gt;</c>, maybe in a Task) include <typeparamref name="TResult"/>.</summary>
        private static bool Answers<TResult>(IList<object> metadata)
        {
            static bool Mentions(Type type) =>
                type == typeof(TResult) || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));
            return metadata.OfType<System.Reflection.MethodInfo>().Any(handler => Mentions(handler.ReturnType));
        }

        private static void Add(OpenApiResponses responses, string status, string description, IOpenApiSchema schema, string? retryAfter = null)
        {
            if (responses.ContainsKey(status))
            {
                return;
            }
            var response = new OpenApiResponse { Description = description, Content = Problem(schema) };
            if (retryAfter is not null)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = retryAfter,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                    },
                };
            }
            responses[status] = response;
        }

        private static Dictionary<string, OpenApiMediaType> Problem(IOpenApiSchema schema) =>
            new(StringComparer.Ordinal) { [ProblemJson] = new OpenApiMediaType { Schema = schema } };
    }

    /// <summary>
    /// Gives text back its <c>string</c> type. <see cref="TextConverter"/> (a custom converter for every
    /// string the API reads) makes the schema exporter describe strings as <c>{}</c> (anything), which
    /// generated clients type as unknown. Properties keep their nullability (<c>string?</c> → string or
    /// null); parameters are plain strings, as without the converter.
    /// </summary>
    internal sealed class TextSchemaTransformer : IOpenApiSchemaTransformer
    {
        public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
        {
            if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null && schema.AnyOf is null && schema.OneOf is null)
            {
                schema.Type = context.JsonPropertyInfo is { IsGetNullable: true }
                    ? JsonSchemaType.String | JsonSchemaType.Null
                    : JsonSchemaType.String;
            }
            // Lists of text (string[], List<string>) and maps to text lose their item schema the same way.
            if (context.JsonTypeInfo.ElementType == typeof(string))
            {
                if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable && schema.Items is null)
                {
                    schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
                }
                else if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Dictionary && schema.AdditionalProperties is null)
                {
                    schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
                }
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Who may call an endpoint, from its authorization metadata the way the authorization middleware reads it.</summary>
    internal enum Access
    {
        /// <summary><c>AllowAnonymous</c>: anyone; signing in changes nothing.</summary>
        Anonymous,

        /// <summary>No authorization metadata: anyone, and a signed-in caller is recognised.</summary>
        Optional,

        /// <summary><c>RequireAuthorization()</c>: any signed-in user.</summary>
        SignedIn,

        /// <summary>A policy or role beyond being signed in (e.g. Admin).</summary>
        Role,
    }

    /// <summary>
    /// The endpoint's access: <c>AllowAnonymous</c> wins over any requirement (as in the authorization
    /// middleware); a named policy, roles or a policy with requirements besides sign-in mean a role.
    /// </summary>
    internal static Access AccessOf(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Access.Anonymous;
        }
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        if (authorize.Count == 0 && policies.Count == 0)
        {
            return Access.Optional;
        }
        var role = authorize.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
                   || policies.Any(p => p.Requirements.Any(r => r is not Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement));
        return role ? Access.Role : Access.SignedIn;
    }
}
