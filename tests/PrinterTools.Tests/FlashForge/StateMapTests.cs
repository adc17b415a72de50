using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrinterTools.FlashForge;
using Xunit;

namespace PrinterTools.Tests.FlashForge;

/// <summary>
/// Every word of /detail "status" (the official list, notes §3.3, plus what clients have seen) pinned to its
/// PrinterState: cancel, canceling and error cannot be shown by the virtual printer, so this is where they are held.
/// </summary>
public sealed class StateMapTests
{
    public static TheoryData<string?, PrinterState> HttpWords => new()
    {
        { "ready", PrinterState.Idle },
        { "busy", PrinterState.Busy },
        { "calibrate_doing", PrinterState.Busy },
        { "error", PrinterState.Error },
        { "heating", PrinterState.Busy },
        { "printing", PrinterState.Printing },
        { "pausing", PrinterState.Pausing },
        { "pause", PrinterState.Paused },
        { "canceling", PrinterState.Stopping },
        { "cancel", PrinterState.Stopped },
        { "completed", PrinterState.Completed },
        // Seen from clients, not in the official list.
        { "paused", PrinterState.Paused },
        { "downloading", PrinterState.Busy },
        // Case and stray blanks do not matter; anything else is unknown, never a guess.
        { " CANCEL ", PrinterState.Stopped },
        { "Error", PrinterState.Error },
        { "cancelled", PrinterState.Unknown },
        { "resuming", PrinterState.Unknown },
        { "", PrinterState.Unknown },
        { null, PrinterState.Unknown },
    };

    [Theory]
    [MemberData(nameof(HttpWords))]
    public void HttpStatusWord_MapsToItsState(string? word, PrinterState expected)
    {
        Assert.Equal(expected, FlashForgeStateMap.FromHttpStatus(word));
    }

    /// <summary>The same words through the /detail reader, in the real 5M Pro capture with only "status" changed.</summary>
    [Theory]
    [InlineData("error", PrinterState.Error)]
    [InlineData("canceling", PrinterState.Stopping)]
    [InlineData("cancel", PrinterState.Stopped)]
    [InlineData("pausing", PrinterState.Pausing)]
    [InlineData("calibrate_doing", PrinterState.Busy)]
    public void DetailWithThatStatus_ReportsItsState(string word, PrinterState expected)
    {
        var capture = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.FlashForgeFixtures, "adventurer5mpro-fw2.7.2-http-detail-printing.json")))!;
        capture["detail"]!["status"] = word;
        using var detail = JsonDocument.Parse(capture["detail"]!.ToJsonString());

        var status = FlashForgeStatusReader.FromDetail("192.168.0.205", detail.RootElement, System.DateTime.UnixEpoch);

        Assert.Equal(expected, status.State);
    }
}
