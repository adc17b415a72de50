using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// A discovery reply whose send finds no buffer (ENOBUFS, EAGAIN) is retried, not dropped: no client can make the
/// kernel do that on purpose, so the sender is driven with failures of our own.
/// </summary>
public sealed class DatagramSendTests
{
    [Fact]
    public async Task A_send_that_finds_no_buffer_is_retried_until_it_goes()
    {
        var failures = new[] { SocketError.NoBufferSpaceAvailable, SocketError.WouldBlock, SocketError.NoBufferSpaceAvailable };
        int calls = 0;

        bool sent = await DatagramSend.SendAsync(_ =>
        {
            int call = calls++;
            return call < failures.Length ? throw new SocketException((int)failures[call]) : ValueTask.FromResult(140);
        }, CancellationToken.None);

        Assert.True(sent);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task A_buffer_that_stays_full_ends_in_a_reported_failure_after_the_last_attempt()
    {
        int calls = 0;

        bool sent = await DatagramSend.SendAsync(_ =>
        {
            calls++;
            throw new SocketException((int)SocketError.NoBufferSpaceAvailable);
        }, CancellationToken.None);

        Assert.False(sent);
        Assert.Equal(DatagramSend.MaxAttempts, calls);
    }

    [Fact]
    public async Task Another_socket_error_is_reported_at_once_and_cancellation_is_not_swallowed()
    {
        int calls = 0;
        bool sent = await DatagramSend.SendAsync(_ =>
        {
            calls++;
            throw new SocketException((int)SocketError.HostUnreachable);
        }, CancellationToken.None);
        Assert.False(sent);
        Assert.Equal(1, calls);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatagramSend.SendAsync(
            _ => throw new SocketException((int)SocketError.NoBufferSpaceAvailable), cancelled.Token));
    }
}
