using System;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Internal;

/// <summary>
/// Stream reads and writes that cost no Task per call where the runtime allows it. netstandard2.0
/// has only the Task-returning overloads; .NET Core adds ValueTask ones over Memory, which a
/// socket completes from its cached event args and a file from a pooled source. They are bound
/// here once, by reflection; on .NET Framework they do not exist and the Task overloads are used.
/// </summary>
internal static class StreamIo
{
    /// <summary>Stream.ReadAsync(Memory&lt;byte&gt;, CancellationToken), or null on .NET Framework.</summary>
    public static readonly Func<Stream, Memory<byte>, CancellationToken, ValueTask<int>>? ReadMemory =
        Bind<Func<Stream, Memory<byte>, CancellationToken, ValueTask<int>>>("ReadAsync", typeof(Memory<byte>), typeof(ValueTask<int>));

    /// <summary>Stream.WriteAsync(ReadOnlyMemory&lt;byte&gt;, CancellationToken), or null on .NET Framework.</summary>
    public static readonly Func<Stream, ReadOnlyMemory<byte>, CancellationToken, ValueTask>? WriteMemory =
        Bind<Func<Stream, ReadOnlyMemory<byte>, CancellationToken, ValueTask>>("WriteAsync", typeof(ReadOnlyMemory<byte>), typeof(ValueTask));

    public static ValueTask<int> ReadAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken token) =>
        ReadMemory is { } read
            ? read(stream, new Memory<byte>(buffer, offset, count), token)
            : new ValueTask<int>(stream.ReadAsync(buffer, offset, count, token));

    public static ValueTask WriteAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken token) =>
        WriteMemory is { } write
            ? write(stream, new ReadOnlyMemory<byte>(buffer, offset, count), token)
            : new ValueTask(stream.WriteAsync(buffer, offset, count, token));

    private static T? Bind<T>(string name, Type buffer, Type result) where T : Delegate
    {
        // The Memory and ValueTask types this assembly compiles against are the runtime's own on
        // .NET Core (the packages forward to them), so the signatures match exactly there.
        var method = typeof(Stream).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, new[] { buffer, typeof(CancellationToken) }, null);
        // An open-instance delegate over the virtual method dispatches to the stream's override.
        return method is not null && method.ReturnType == result
            ? (T?)Delegate.CreateDelegate(typeof(T), method, throwOnBindFailure: false)
            : null;
    }
}
