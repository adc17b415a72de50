using System;
using System.IO;
using PrinterTools.Host;

namespace PrinterTools.Tests.Hosting;

/// <summary>A HostedEngine whose host writes to StringWriters the test can read.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public EngineHarness(string manifestPath, TextReader? input = null)
    {
        Host = new TextHost(_out, _err, input);
        Engine = new HostedEngine(Host, manifestPath);
    }

    public TextHost Host { get; }

    public HostedEngine Engine { get; }

    // StringWriter is not thread-safe to read while written; the host writes under its own lock
    // and these reads happen after the run returned (or only poll for a marker).
    public string Out => _out.ToString();

    public string Err => _err.ToString();

    public void Dispose() => Engine.Dispose();
}
