using System.Reflection;
using Microsoft.AspNetCore.Http;
using Mono.Cecil;
using NetArchTest.Rules;

namespace Pathavana.Architecture.Tests;

/// <summary>
/// The module-boundary rules, each a function of the assembly it inspects, so that the same rule runs
/// on the app (<see cref="ModuleBoundaryTests"/>) and on this assembly's deliberately wrong fixtures
/// (<c>Fixtures/WrongReferences.cs</c>), which it must catch. A rule answers the offending types; an
/// empty answer is a pass. NetArchTest reads the compiled IL with Mono.Cecil, so a reference inside an
/// async method, a lambda or an iterator counts against the type that wrote it. Rule (d) reads the IL
/// with Mono.Cecil itself (NetArchTest's own reader), because it needs what each reference names, not
/// only who makes it.
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

    /// <summary>The modules: the top-level namespaces under <c>Pathavana</c> but <c>Platform</c>, the shared infrastructure any module may use.</summary>
    public static readonly string[] Modules =
        ["Accounts", "Assistant", "Audit", "Bookings", "Inventory", "Notifications", "Operations", "Privacy", "Travelers", "Trips"];

    /// <summary>
    /// (d) Where a module reaches past another module's contract: each (user, internal) pair, both
    /// outermost types, ordered by user then internal.
    /// <para>
    /// A module's <b>contract</b> is what it declares in its root namespace <c>Pathavana.B</c> (ports,
    /// services, request/response records, outcomes, events, options) except its tables and its
    /// endpoint class. Everything else of module B is <b>internal</b> to it:
    /// </para>
    /// <list type="bullet">
    /// <item>types in its sub-namespaces (<c>Pathavana.Inventory.Simulation</c>, <c>.Amadeus</c>, <c>.Duffel</c>,
    /// <c>Pathavana.Assistant.Understanding</c> …): adapters and engines behind its ports;</item>
    /// <item>its entities, the types EF Core maps to tables: those with an <c>IEntityTypeConfiguration&lt;T&gt;</c>, a
    /// <c>DbSet&lt;T&gt;</c> on a <c>DbContext</c>, or given as a type argument to a <c>DbContext</c>'s base
    /// (<c>IdentityDbContext&lt;User, Role, Guid&gt;</c>); and those configurations themselves.</item>
    /// </list>
    /// <para>
    /// Visibility does not decide it: the app is one assembly, so <c>internal</c> is everyone's, and the
    /// ports other modules are meant to use (<c>IAuditLog</c>, <c>ITravelerDirectory</c>) are internal.
    /// Endpoint classes are rule (b)'s. A user is any type of another module (nested and compiler-generated
    /// types count against their outermost type) except an entity configuration: naming another module's
    /// entity as the principal of a foreign key declares the schema, it reads no row. Platform is no module,
    /// so neither its uses (the <c>DbContext</c> lists every table) nor the start-up's are checked.
    /// </para>
    /// </summary>
    public static IReadOnlyList<(Type User, Type Internal)> ReachesPastContracts(Assembly assembly)
    {
        var resolver = new DefaultAssemblyResolver();
        foreach (var directory in new[] { assembly.Location, typeof(object).Assembly.Location, typeof(RequestDelegate).Assembly.Location }.Select(Path.GetDirectoryName).Distinct())
        {
            resolver.AddSearchDirectory(directory!);
        }
        using var module = ModuleDefinition.ReadModule(assembly.Location, new ReaderParameters { AssemblyResolver = resolver });
        var assemblies = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase) { [assembly.GetName().Name!] = assembly };
        foreach (var name in assembly.GetReferencedAssemblies())
        {
            assemblies.TryAdd(name.Name!, Assembly.Load(name));
        }
        var tablesByAssembly = new Dictionary<Assembly, HashSet<Type>>();

        var pairs = new SortedSet<(string User, string Internal)>();
        var types = new Dictionary<string, (Type User, Type Internal)>();
        foreach (var top in module.Types)
        {
            var userModule = ModuleOf(top.Namespace);
            var user = assembly.GetType(top.FullName);
            if (userModule is null || user is null || IsEntityConfiguration(user))
            {
                continue;
            }
            foreach (var reference in References(top))
            {
                var outer = reference;
                while (outer.DeclaringType is not null)
                {
                    outer = outer.DeclaringType;
                }
                var targetModule = ModuleOf(outer.Namespace);
                if (targetModule is null || targetModule == userModule)
                {
                    continue;
                }
                var scope = outer.Scope switch
                {
                    ModuleDefinition m => m.Assembly.Name.Name,
                    AssemblyNameReference a => a.Name,
                    _ => null,
                };
                if (scope is null || !assemblies.TryGetValue(scope, out var owner) || owner.GetType(outer.FullName) is not { } target)
                {
                    continue;
                }
                if (!tablesByAssembly.TryGetValue(owner, out var tables))
                {
                    tablesByAssembly[owner] = tables = Tables(owner);
                }
                var isContract = outer.Namespace == "Pathavana." + targetModule && !tables.Contains(target) && !IsEntityConfiguration(target);
                if (!isContract && pairs.Add((user.FullName!, target.FullName!)))
                {
                    types[user.FullName + " " + target.FullName] = (user, target);
                }
            }
        }
        return [.. pairs.Select(p => types[p.User + " " + p.Internal])];
    }

    /// <summary>The module a namespace belongs to, or null for Platform, the start-up and generated code.</summary>
    private static string? ModuleOf(string ns)
    {
        var parts = ns.Split('.');
        return parts is ["Pathavana", var m, ..] && Modules.Contains(m, StringComparer.Ordinal) ? m : null;
    }

    private static bool IsEntityConfiguration(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");

    /// <summary>The types an assembly maps to tables (see <see cref="ReachesPastContracts"/>).</summary>
    private static HashSet<Type> Tables(Assembly assembly)
    {
        var tables = new HashSet<Type>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var i in type.GetInterfaces().Where(i => i.IsGenericType
                && i.GetGenericTypeDefinition().FullName == "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1"))
            {
                tables.Add(i.GetGenericArguments()[0]);
            }
            var isContext = false;
            for (var b = type.BaseType; b is not null; b = b.BaseType)
            {
                isContext |= b.FullName == "Microsoft.EntityFrameworkCore.DbContext";
                if (b.IsGenericType)
                {
                    foreach (var argument in b.GetGenericArguments().Where(a => a.Assembly == assembly))
                    {
                        tables.Add(argument);
                    }
                }
            }
            if (!isContext)
            {
                continue;
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                if (property.PropertyType is { IsGenericType: true } p && p.GetGenericTypeDefinition().FullName == "Microsoft.EntityFrameworkCore.DbSet`1")
                {
                    tables.Add(p.GetGenericArguments()[0]);
                }
            }
        }
        return tables;
    }

    /// <summary>Every type a type (with its nested types) names: in its signatures, attributes, locals and IL operands.</summary>
    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? r)
        {
            switch (r)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType g:
                    Add(g.ElementType);
                    g.GenericArguments.ToList().ForEach(Add);
                    return;
                case TypeSpecification s:
                    Add(s.ElementType);
                    return;
                default:
                    found.Add(r);
                    return;
            }
        }
        void AddMethod(MethodReference? m)
        {
            if (m is null)
            {
                return;
            }
            Add(m.DeclaringType);
            Add(m.ReturnType);
            m.Parameters.ToList().ForEach(p => Add(p.ParameterType));
            if (m is GenericInstanceMethod g)
            {
                g.GenericArguments.ToList().ForEach(Add);
            }
        }
        void AddAttributes(Mono.Cecil.ICustomAttributeProvider provider)
        {
            foreach (var a in provider.CustomAttributes)
            {
                Add(a.AttributeType);
                if (a.HasConstructorArguments)
                {
                    try
                    {
                        foreach (var argument in a.ConstructorArguments)
                        {
                            Add(argument.Value as TypeReference);
                        }
                    }
                    catch (AssemblyResolutionException)
                    {
                        // An enum argument whose assembly is not at hand names no module type.
                    }
                }
            }
        }
        void Walk(TypeDefinition t)
        {
            Add(t.BaseType);
            t.Interfaces.ToList().ForEach(i => Add(i.InterfaceType));
            AddAttributes(t);
            t.GenericParameters.SelectMany(g => g.Constraints).ToList().ForEach(c => Add(c.ConstraintType));
            foreach (var f in t.Fields)
            {
                Add(f.FieldType);
                AddAttributes(f);
            }
            foreach (var p in t.Properties)
            {
                Add(p.PropertyType);
                AddAttributes(p);
            }
            t.Events.ToList().ForEach(e => Add(e.EventType));
            foreach (var m in t.Methods)
            {
                AddMethod(m);
                AddAttributes(m);
                if (!m.HasBody)
                {
                    continue;
                }
                m.Body.Variables.ToList().ForEach(v => Add(v.VariableType));
                foreach (var instruction in m.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference r: Add(r); break;
                        case MethodReference r: AddMethod(r); break;
                        case FieldReference r: Add(r.DeclaringType); Add(r.FieldType); break;
                    }
                }
            }
            t.NestedTypes.ToList().ForEach(Walk);
        }
        Walk(type);
        return found;
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
