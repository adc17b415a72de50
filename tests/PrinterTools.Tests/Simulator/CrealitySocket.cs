using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// A raw client of a virtual Creality printer's ws://ip:9999/ for the simulator tests: every text frame is queued
/// as it arrives, JSON frames are merged into <see cref="Merged"/> as a client must (creality.md §2), requests
/// are written by hand. Knows nothing of the PrinterTools client.
/// </summary>
internal sealed class CrealitySocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;

    private CrealitySocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Every JSON frame read so far, merged key by key (later frames win).</summary>
    public JsonObject Merged { get; } = new();

    /// <summary>How the connection ended: null after a close frame, the exception of an abrupt end; pending while open.</summary>
    public Task<Exception?> Ended => _ended.Task;

    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<CrealitySocket> ConnectAsync(IPAddress address, string? subprotocol = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (subprotocol is not null)
        {
            socket.Options.AddSubProtocol(subprotocol);
        }

        await TestGuard.AgainstHangAsync(socket.ConnectAsync(new Uri($"ws://{address}:9999/"), CancellationToken.None), "the WebSocket connect");
        return new CrealitySocket(socket);
    }

    public Task SendTextAsync(string text) =>
        TestGuard.AgainstHangAsync(_socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None), "a send");

    public Task GetAsync(string key, string value = "1") => SendTextAsync($"{{\"method\":\"get\",\"params\":{{\"{key}\":{value}}}}}");

    public Task SetAsync(string paramsJson) => SendTextAsync($"{{\"method\":\"set\",\"params\":{paramsJson}}}");

    /// <summary>The next frame as text, whatever it is.</summary>
    public Task<string> NextRawAsync() => TestGuard.AgainstHangAsync(_frames.Reader.ReadAsync().AsTask(), "the next frame");

    /// <summary>The next frame, parsed (it must be a JSON object), after merging it.</summary>
    public async Task<JsonObject> NextAsync()
    {
        string text = await NextRawAsync();
        return Merge(text) ?? throw new Xunit.Sdk.XunitException($"Not a JSON object: {text[..Math.Min(200, text.Length)]}");
    }

    /// <summary>Skips frames until one that has <paramref name="key"/> at the top level.</summary>
    public async Task<JsonObject> NextWithAsync(string key)
    {
        while (true)
        {
            JsonObject frame = await NextAsync();
            if (frame.ContainsKey(key))
            {
                return frame;
            }
        }
    }

    /// <summary>Reads (and merges) frames until the merged state passes <paramref name="condition"/> (at once if it does already); returns it.</summary>
    public async Task<JsonObject> UntilAsync(Func<JsonObject, bool> condition)
    {
        while (!condition(Merged))
        {
            await NextAsync();
        }

        return Merged;
    }

    /// <summary>
    /// Closes with a close handshake and returns every frame still queued: the printer handles messages in order,
    /// so anything it sent for the messages before the close arrived before its own close frame.
    /// </summary>
    public async Task<List<string>> CloseAndDrainAsync()
    {
        // Only our close frame goes out here: the reader, which owns receiving, gets the printer's answer.
        await TestGuard.AgainstHangAsync(_socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None), "sending the close");
        Exception? end = await TestGuard.AgainstHangAsync(Ended, "the printer's close frame");
        if (end is not null)
        {
            throw new Xunit.Sdk.XunitException($"The printer did not answer the close: {end.Message}");
        }

        var rest = new List<string>();
        while (_frames.Reader.TryRead(out string? frame))
        {
            rest.Add(frame);
        }

        return rest;
    }

    /// <summary>The connection ended without a close frame (the printer dropped it).</summary>
    public async Task<Exception> DroppedAsync()
    {
        Exception? end = await TestGuard.AgainstHangAsync(Ended, "the printer dropping the socket");
        return end ?? throw new Xunit.Sdk.XunitException("The printer closed the WebSocket with a close frame, not abruptly.");
    }

    public static int Int(JsonObject o, string key) => o[key]!.GetValue<int>();

    public static string Str(JsonObject o, string key) => o[key]!.GetValue<string>();

    private JsonObject? Merge(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is not JsonObject frame)
        {
            return null;
        }

        foreach (KeyValuePair<string, JsonNode?> member in frame)
        {
            Merged[member.Key] = member.Value?.DeepClone();
        }

        return frame;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult frame = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    _ended.TrySetResult(null);
                    return;
                }

                message.Write(buffer, 0, frame.Count);
                if (frame.EndOfMessage)
                {
                    _frames.Writer.TryWrite(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e)
        {
            _ended.TrySetResult(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await _reading;
    }
}
