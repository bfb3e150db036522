using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pathavana.Tests.Assistant;

/// <summary>A browser's view of the chat API: create a session, say things, read the replies.</summary>
internal static class ChatClient
{
    public static async Task<Guid> NewSessionAsync(this HttpClient client, string? title = null)
    {
        var created = await client.PostAsJsonAsync("/api/v1/chat/sessions", new { title }, TestContext.Current.CancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Agrees (as the signed-in user, or as this browser before sign-in) to send chat text to the
    /// language model, then starts a session: LLM mode answers only with that consent.
    /// </summary>
    public static async Task<Guid> NewLlmSessionAsync(this HttpClient client, string? title = null)
    {
        await client.ConsentAsync("llm_chat", true);
        return await client.NewSessionAsync(title);
    }

    /// <summary>Gives or withdraws a consent through the chat's consent endpoint.</summary>
    public static async Task<JsonElement> ConsentAsync(this HttpClient client, string purpose, bool granted)
    {
        var response = await client.PutAsJsonAsync($"/api/v1/chat/consents/{purpose}", new { granted }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Sends a message and returns the whole turn (userMessage, reply, mode, fallback…).</summary>
    public static async Task<JsonElement> SayAsync(this HttpClient client, Guid session, string text)
    {
        var sent = await client.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/messages", new { text }, TestContext.Current.CancellationToken);
        Assert.True(sent.StatusCode == HttpStatusCode.OK, $"'{text}': {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync()}");
        return await sent.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Text(this JsonElement turn) => turn.GetProperty("reply").GetProperty("text").GetString()!;

    public static JsonElement[] Cards(this JsonElement turn) => [.. turn.GetProperty("reply").GetProperty("cards").EnumerateArray()];

    public static string[] Suggestions(this JsonElement turn) =>
        [.. turn.GetProperty("reply").GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()!)];

    public static JsonElement[] Segments(this JsonElement card, int itinerary) =>
        [.. card.GetProperty("flight").GetProperty("itineraries")[itinerary].GetProperty("segments").EnumerateArray()];

    /// <summary>Picks a card's offer on the session (POST …/selections); answers the response as it came.</summary>
    public static Task<HttpResponseMessage> PickAsync(this HttpClient client, Guid session, JsonElement card) =>
        client.PostAsJsonAsync($"/api/v1/chat/sessions/{session}/selections",
            new { offerId = card.GetProperty("offerId").GetString(), kind = card.GetProperty("kind").GetString() }, TestContext.Current.CancellationToken);

    /// <summary>The local day a flight card's outbound lands.</summary>
    public static DateOnly LandingDay(this JsonElement card) =>
        DateOnly.FromDateTime(card.Segments(0)[^1].GetProperty("arrival").GetDateTimeOffset().DateTime);

    public static DateOnly DepartureDay(this JsonElement segment) =>
        DateOnly.FromDateTime(DateTimeOffset.Parse(segment.GetProperty("departure").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DateTime);

    /// <summary>"next Friday" as docs/assistant.md defines it: the Friday of next (Monday-based) week.</summary>
    public static DateOnly NextWeeksFriday(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(7);
        return monday.AddDays(4);
    }
}
