using System.ComponentModel.DataAnnotations;

namespace Pathavana.Platform.Configuration;

/// <summary>Where everything the app writes locally lives (SQLite file, email outbox, local keys).</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Relative paths resolve against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    public string PathFor(params string[] parts) => Path.Combine([ResolveDataDirectory(), .. parts]);
}

internal static class StorageSetup
{
    public static void AddStorage(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
