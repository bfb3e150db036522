namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding Pathavana.slnx) from the test binaries.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pathavana.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"Could not find Pathavana.slnx above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}
