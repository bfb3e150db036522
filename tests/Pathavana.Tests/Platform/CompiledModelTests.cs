using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Pathavana.Platform.Data.CompiledModels.Sqlite;
using Pathavana.Tests.Infrastructure;

namespace Pathavana.Tests.Platform;

/// <summary>
/// The embedded database runs on a compiled model (generated code), not on the model built from the
/// entity configurations. A configuration changed without regenerating it would be silently ignored,
/// so the two are compared here; regenerate with
/// <c>dotnet ef dbcontext optimize -p src/Pathavana -c SqlitePathavanaDbContext -o Platform/Data/CompiledModels/Sqlite -n Pathavana.Platform.Data.CompiledModels.Sqlite</c>.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_embedded_database_runs_on_the_compiled_model()
    {
        using var db = TestDatabases.Sqlite("Data Source=:memory:");

        Assert.IsType<SqlitePathavanaDbContextModel>(db.Model);
    }

    [Fact]
    public void The_compiled_sqlite_model_has_the_configured_tables_columns_keys_and_indexes()
    {
        using var db = TestDatabases.Sqlite("Data Source=:memory:");
        var configured = db.GetService<IDesignTimeModel>().Model;

        Assert.Equal(Describe(configured.GetRelationalModel()), Describe(db.Model.GetRelationalModel()));
    }

    [Fact]
    public void The_compiled_sqlite_model_has_the_configured_properties_conversions_and_key_generators()
    {
        using var db = TestDatabases.Sqlite("Data Source=:memory:");
        var configured = db.GetService<IDesignTimeModel>().Model;

        Assert.Equal(Describe(configured), Describe(db.Model));
    }

    /// <summary>One line per column, key, foreign key and index of each table.</summary>
    private static List<string> Describe(IRelationalModel model) =>
        [.. model.Tables.SelectMany(t =>
                t.Columns.Select(c => $"{t.Name}.{c.Name} {c.StoreType} nullable={c.IsNullable}")
                .Concat(t.UniqueConstraints.Select(k => $"{t.Name} key {k.Name} ({string.Join(", ", k.Columns.Select(c => c.Name))}) primary={k.GetIsPrimaryKey()}"))
                .Concat(t.ForeignKeyConstraints.Select(f =>
                    $"{t.Name} fk {f.Name} ({string.Join(", ", f.Columns.Select(c => c.Name))}) -> {f.PrincipalTable.Name} " +
                    $"({string.Join(", ", f.PrincipalColumns.Select(c => c.Name))}) on delete {f.OnDeleteAction}"))
                .Concat(t.Indexes.Select(i => $"{t.Name} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}) unique={i.IsUnique}")))
            .Order(StringComparer.Ordinal)];

    /// <summary>One line per property: what a compiled model could get wrong without the relational model showing it.</summary>
    private static List<string> Describe(IModel model) =>
        [.. model.GetEntityTypes()
            .SelectMany(entity => entity.GetProperties().Select(p =>
                $"{entity.Name}.{p.Name}: {p.ClrType.Name} nullable={p.IsNullable} " +
                $"converter={p.GetTypeMapping().Converter?.GetType().Name} provider={p.GetTypeMapping().Converter?.ProviderClrType.Name} " +
                $"generated={p.ValueGenerated} generator={(p.GetValueGeneratorFactory() is null ? "-" : "factory")} " +
                $"concurrency={p.IsConcurrencyToken}"))
            .Order(StringComparer.Ordinal)];
}
