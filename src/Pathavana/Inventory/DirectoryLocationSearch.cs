namespace Pathavana.Inventory;

/// <summary>Location search on the bundled reference data: the default <see cref="ILocationSearch"/>.</summary>
internal sealed class DirectoryLocationSearch(ILocationDirectory directory) : ILocationSearch
{
    public Task<IReadOnlyList<Location>> SearchAsync(string text, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(directory.Search(text, limit));
}
