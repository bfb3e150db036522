using System.Reflection;
using Microsoft.AspNetCore.Http;
using NetArchTest.Rules;

namespace Pathavana.Architecture.Tests;

/// <summary>
/// The module-boundary rules, each a function of the assembly it inspects, so that the same rule runs
/// on the app (<see cref="ModuleBoundaryTests"/>) and on this assembly's deliberately wrong fixtures
/// (<c>Fixtures/WrongReferences.cs</c>), which it must catch. A rule answers the offending types; an
/// empty answer is a pass. NetArchTest reads the compiled IL with Mono.Cecil, so a reference inside an
/// async method, a lambda or an iterator counts against the type that wrote it.
/// </summary>
internal static class ModuleRules
{
    /// <summary>Modules built on Inventory: Inventory must not know them (offers flow one way).</summary>
    public static readonly string[] ModulesAboveInventory = ["Pathavana.Bookings", "Pathavana.Trips", "Pathavana.Assistant"];

    /// <summary>What only an endpoint class may build: HTTP results, status codes and problem-details bodies.</summary>
    public static readonly string[] HttpResultTypes =
    [
        "Microsoft.AspNetCore.Http.IResult",
        "Microsoft.AspNetCore.Http.Results",
        "Microsoft.AspNetCore.Http.TypedResults",
        "Microsoft.AspNetCore.Http.HttpResults",
        "Microsoft.AspNetCore.Http.StatusCodes",
        "Microsoft.AspNetCore.Http.HttpValidationProblemDetails",
        "Microsoft.AspNetCore.Mvc.ProblemDetails",
    ];

    /// <summary>The start-up, which composes every module: the entry point and the app it builds (one MapXApi() per module).</summary>
    public static readonly string[] StartUp = ["Program", "Pathavana.Platform.Hosting.PathavanaApp"];

    /// <summary>(a) Types in <c>Pathavana.Inventory</c> (and below) that use a Bookings, Trips or Assistant type.</summary>
    public static IReadOnlyList<Type> InventoryReachingUp(Assembly assembly) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace("Pathavana.Inventory")
            .Should().NotHaveDependencyOnAny(ModulesAboveInventory).GetResult());

    /// <summary>
    /// A module's endpoint class: a static class named <c>XApi</c> that maps its routes with
    /// <c>MapXApi</c>. (Platform's <c>RdsApi</c>, an AWS client, is not one.)
    /// </summary>
    public static IReadOnlyList<Type> EndpointClasses(Assembly assembly) =>
    [
        .. assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: true, IsSealed: true, IsNested: false } && t.Name.EndsWith("Api", StringComparison.Ordinal)
                && t.GetMethod("Map" + t.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>
    /// (b) Types in <paramref name="assembly"/> that use one of <paramref name="endpointClasses"/>,
    /// other than the endpoint class itself (with its nested types) and the start-up: a service, an
    /// entity or another module needing what an endpoint class holds means that piece belongs elsewhere.
    /// </summary>
    public static IReadOnlyList<(Type User, Type EndpointClass)> EndpointClassUsers(Assembly assembly, IEnumerable<Type> endpointClasses)
    {
        var types = Types.InAssembly(assembly); // read once, asked once per endpoint class
        return
        [
            .. endpointClasses.SelectMany(api =>
                Failing(types.Should().NotHaveDependencyOn(api.FullName).GetResult())
                    .Where(t => !IsWithin(t, api) && !StartUp.Contains(t.FullName, StringComparer.Ordinal))
                    .Select(t => (t, api))),
        ];
    }

    /// <summary>
    /// (c) Services and entities of the modules (every namespace but Platform, which hosts HTTP) that
    /// build HTTP results, status codes or problem details. Endpoint classes (with their nested
    /// types) and middleware (HTTP pipeline by nature) are what may.
    /// </summary>
    public static IReadOnlyList<Type> ServicesSpeakingHttp(Assembly assembly, IEnumerable<Type> endpointClasses)
    {
        var endpoints = endpointClasses.ToList();
        return
        [
            .. Failing(Types.InAssembly(assembly).That().ResideInNamespace("Pathavana").And().DoNotResideInNamespace("Pathavana.Platform")
                    .Should().NotHaveDependencyOnAny(HttpResultTypes).GetResult())
                .Where(t => !endpoints.Any(api => IsWithin(t, api)) && !IsMiddleware(t)),
        ];
    }

    /// <summary>The type itself or a type nested in it (its handlers' records, its lambdas' closures).</summary>
    public static bool IsWithin(Type type, Type outer)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t == outer)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>ASP.NET Core middleware: conventional (constructed with the next <see cref="RequestDelegate"/>) or <see cref="IMiddleware"/>.</summary>
    private static bool IsMiddleware(Type type) =>
        typeof(IMiddleware).IsAssignableFrom(type)
        || type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(RequestDelegate)));

    private static IReadOnlyList<Type> Failing(NetArchTest.Rules.TestResult result) =>
        result.IsSuccessful ? [] : [.. (result.FailingTypes ?? []).OrderBy(t => t.FullName, StringComparer.Ordinal)];
}
