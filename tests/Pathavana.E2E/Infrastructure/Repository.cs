namespace Pathavana.E2E.Infrastructure;

/// <summary>Paths in the repository this test run was built from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string WebDist => Path.Combine(Root, "web", "dist");

    public static string AxeScript => Path.Combine(Root, "web", "node_modules", "axe-core", "axe.min.js");

    public static string Screenshots
    {
        get
        {
            var folder = Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pathavana.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (Pathavana.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
