using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Pathavana.Platform.Http;

/// <summary>
/// One page of a list endpoint, from the query <c>?page=1&amp;pageSize=50</c>: <c>page</c> counts from 1,
/// <c>pageSize</c> is 1 to <see cref="MaxSize"/> (default <see cref="DefaultSize"/>). The body stays a JSON
/// array; when more rows follow, the response carries <c>Link: &lt;…?page=2&amp;pageSize=50&gt;; rel="next"</c>
/// (RFC 8288), the way GitHub's API pages. Rows are read with one query of at most <c>pageSize + 1</c> rows.
/// </summary>
internal readonly record struct Page(int Number, int Size)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 100;

    /// <summary>The header the next page's address is in (the web app is same-origin, so no CORS exposure is needed).</summary>
    public const string LinkHeader = "Link";

    /// <summary>The page asked for, or a 400 naming <c>page</c> or <c>pageSize</c>.</summary>
    public static (Page Page, ValidationProblem? Problem) From(int? page, int? pageSize)
    {
        if (page is < 1)
        {
            return (default, Invalid("page", "A page number from 1."));
        }
        if (pageSize is < 1 or > MaxSize)
        {
            return (default, Invalid("pageSize", $"A page size of 1 to {MaxSize}."));
        }
        var number = page ?? 1;
        var size = pageSize ?? DefaultSize;
        // Far pages of a list nobody has are refused rather than scanned: the offset stays an int.
        if ((long)(number - 1) * size > int.MaxValue / 2)
        {
            return (default, Invalid("page", "The page is past the end of any list."));
        }
        return (new Page(number, size), null);
    }

    /// <summary>This page's rows of <paramref name="ordered"/> (which must have a total order), and the <c>Link</c> header when more follow.</summary>
    public async Task<List<T>> ReadAsync<T>(IQueryable<T> ordered, HttpContext http, CancellationToken ct)
    {
        var rows = await ordered.Skip((Number - 1) * Size).Take(Size + 1).ToListAsync(ct);
        if (rows.Count <= Size)
        {
            return rows;
        }
        rows.RemoveAt(rows.Count - 1);
        var query = http.Request.Query.Where(q => q.Key is not ("page" or "pageSize"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("page", (Number + 1).ToString(CultureInfo.InvariantCulture)))
            .Append(new("pageSize", Size.ToString(CultureInfo.InvariantCulture)));
        var next = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query);
        http.Response.Headers.Append(LinkHeader, $"<{next}>; rel=\"next\"");
        return rows;
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
