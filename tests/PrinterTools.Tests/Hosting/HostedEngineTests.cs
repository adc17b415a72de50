using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Host;
using Xunit;

namespace PrinterTools.Tests.Hosting;

// Core language only: the real module's cmdlets may not exist yet, and Utility cmdlets
// (Write-Output, Select-Object...) are not in an engine hosted from the SMA package.
public sealed class HostedEngineTests : IClassFixture<ThrowawayModule>
{
    private readonly ThrowawayModule _module;

    public HostedEngineTests(ThrowawayModule module)
    {
        _module = module;
    }

    [Fact]
    public void ImportsTheModuleCleanly()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.NotNull(h.Engine.ModuleInfo);
        Assert.Equal("HostTest", h.Engine.ModuleInfo!.Name);
        Assert.Empty(h.Engine.ImportErrors);
        Assert.Empty(h.Engine.ImportWarnings);
        Assert.Equal(0, h.Engine.RunScript("Get-HostTestGreeting -Name you"));
        Assert.Equal(["hello you"], Lines(h.Out));
    }

    [Fact]
    public void PipelineOutputGoesToStdoutAndReturnsZero()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript("1..3 | ForEach-Object { $_ * 2 }");

        Assert.Equal(0, code);
        Assert.Equal(["2", "4", "6"], Lines(h.Out));
        Assert.Equal(string.Empty, h.Err);
    }

    [Fact]
    public void ThrowReturnsOneAndWritesMessageWithErrorId()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript("'before'; throw 'boom'; 'after'");

        Assert.Equal(1, code);
        Assert.Equal(["before"], Lines(h.Out));
        Assert.Contains("boom", h.Err);
        Assert.Contains("FullyQualifiedErrorId: boom", h.Err);
    }

    [Fact]
    public void ScriptTerminatingErrorFromACommandIsPrefixedWithItsName()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        // With Stop, the command's terminating error ends the whole script (not just the statement).
        int code = h.Engine.RunScript(
            "$ErrorActionPreference = 'Stop'; " +
            "function Find-Thing { [CmdletBinding()] param() " +
            "$PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(" +
            "[System.TimeoutException]::new('no answer'), 'ThingTimeout', 'OperationTimeout', $null)) }; Find-Thing; 'after'");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, h.Out);
        Assert.Equal(["Find-Thing: no answer", "FullyQualifiedErrorId: ThingTimeout,Find-Thing"], Lines(h.Err).Select(l => l.Trim()));
    }

    [Fact]
    public void StatementTerminatingErrorIsRenderedAndTheScriptGoesOn()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript(
            "function Find-Thing { [CmdletBinding()] param() " +
            "$PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(" +
            "[System.TimeoutException]::new('no answer'), 'ThingTimeout', 'OperationTimeout', $null)) }; Find-Thing; 'after'");

        Assert.Equal(1, code);
        Assert.Equal(["after"], Lines(h.Out));
        Assert.Equal(["Find-Thing: no answer"], Lines(h.Err));
    }

    [Fact]
    public void ExpressionErrorsCount()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.Equal(1, h.Engine.RunScript("1/0; 'z'"));
        Assert.Equal(["z"], Lines(h.Out));
        Assert.Contains("divide by zero", h.Err);
    }

    [Fact]
    public void CaughtErrorsDoNotCount()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.Equal(0, h.Engine.RunScript("try { Get-Command No-SuchCommand -ErrorAction Stop } catch { 'caught' }"));
        Assert.Equal(["caught"], Lines(h.Out));
        Assert.Equal(string.Empty, h.Err);
    }

    [Fact]
    public void WriteErrorReturnsOneAndRendersToStderr()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        // Write-Error is a Utility cmdlet when present; $PSCmdlet.WriteError is the same stream.
        int code = h.Engine.RunScript(
            "if (Get-Command Write-Error -ErrorAction Ignore) { Write-Error x } else { " +
            "& { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(" +
            "[System.Exception]::new('x'), 'X', 'NotSpecified', $null)) } }; 'still running'");

        Assert.Equal(1, code);
        Assert.Equal(["still running"], Lines(h.Out));
        Assert.Contains("x", h.Err);
    }

    [Fact]
    public void NonTerminatingErrorInsideAFunctionIsRenderedAndCounted()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript(
            "function Get-Part { [CmdletBinding()] param() " +
            "$PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(" +
            "[System.Exception]::new('part missing'), 'PartMissing', 'ObjectNotFound', 'p1')); 'part 2' }; Get-Part");

        Assert.Equal(1, code);
        Assert.Equal(["part 2"], Lines(h.Out));
        Assert.Contains("part missing", h.Err);
        Assert.DoesNotContain("part missing", h.Out);
    }

    [Fact]
    public void AnErrorRecordWrittenAsOutputIsNotAnError()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript(
            "$r = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new('data'), 'D', 'NotSpecified', $null); " +
            "$r");

        // Rendered (to stdout, as data) but not counted as an error of the run.
        Assert.Equal(0, code);
        Assert.Contains("data", h.Out);
        Assert.Equal(string.Empty, h.Err);
    }

    [Fact]
    public void ErrorsCountAndKeepTheirPlaceAfterTableRowsOutDefaultHeld()
    {
        // One writer for both streams, so the order of lines is visible. Out-Default holds table
        // rows for a moment; the error must still come after them, and count, while the
        // ErrorRecord written as data renders as output and does not count.
        var both = new StringWriter();
        using var engine = new HostedEngine(new TextHost(both, both), _module.ManifestPath);

        int code = engine.RunScript(
            "[pscustomobject]@{A=1;B=2}; 1/0; 'after'; " +
            "[System.Management.Automation.ErrorRecord]::new([System.Exception]::new('data'), 'D', 'NotSpecified', $null)");

        Assert.Equal(1, code);
        string text = both.ToString();
        int row = text.IndexOf("1 2", StringComparison.Ordinal);
        int error = text.IndexOf("divide by zero", StringComparison.Ordinal);
        int after = text.IndexOf("after", StringComparison.Ordinal);
        Assert.True(row >= 0 && row < error && error < after, text);
    }

    [Fact]
    public void OnlyErrorsOutDefaultRendersCount()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        // Lines the script writes to the host's error writer itself are not errors of the run.
        int code = h.Engine.RunScript("$host.UI.WriteErrorLine('note'); $Error.Clear(); 'ok'");

        Assert.Equal(0, code);
        Assert.Equal(["note"], Lines(h.Err));
        Assert.Equal(1, h.Host.TextUI.ErrorLinesWritten);
    }

    [Fact]
    public void SilencedErrorsDoNotFailTheRun()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript("Get-Command No-SuchCommand -ErrorAction SilentlyContinue; 'ok'");

        Assert.Equal(0, code);
        Assert.Equal(["ok"], Lines(h.Out));
    }

    [Fact]
    public void ParseErrorReturnsOne()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.Equal(1, h.Engine.RunScript("if ("));
        Assert.StartsWith("ParserError:", h.Err.TrimStart());
    }

    [Fact]
    public void ExitCodeReachesTheHost()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.Equal(7, h.Engine.RunScript("'x'; exit 7"));
        Assert.Equal(7, h.Host.ExitCode);
        Assert.Equal(["x"], Lines(h.Out));

        // The next run starts clean.
        Assert.Equal(0, h.Engine.RunScript("'y'"));
        Assert.Null(h.Host.ExitCode);
    }

    [Fact]
    public void ExitZeroAfterAnErrorIsZero()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.Equal(0, h.Engine.RunScript("Get-Command No-SuchCommand; exit 0"));
    }

    [Fact]
    public async Task StopEndsAScriptThatWouldNeverEnd()
    {
        using var h = new EngineHarness(_module.ManifestPath);
        using var started = new ManualResetEventSlim();

        // The loop never ends by itself: the run can only complete because Stop ended it.
        var run = Task.Run(() => h.Engine.RunScript(
            "$started.Set(); while ($true) { [System.Threading.Thread]::Sleep(50) }; 'after the loop'",
            new Dictionary<string, object> { ["started"] = started }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "script did not start");

        h.Engine.Stop();

        int code = await TestGuard.AgainstHangAsync(run, "the script was still running after Stop");
        Assert.Equal(HostedEngine.StoppedExitCode, code);
        Assert.DoesNotContain("after the loop", h.Out);

        // The engine stays usable after a stop.
        Assert.Equal(0, h.Engine.RunScript("'again'"));
    }

    [Fact]
    public void StopWithNothingRunningDoesNothing()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        h.Engine.Stop();

        Assert.Equal(0, h.Engine.RunScript("'fine'"));
    }

    [Fact]
    public async Task HighImpactCommandWithoutInputFailsInsteadOfHanging()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        var run = Task.Run(() => h.Engine.RunScript("Remove-HostTestThing -Name t1"));

        // WaitAsync throws TimeoutException if the prompt blocked.
        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain("removed", h.Out);
        Assert.Contains("non-interactive", h.Err);
    }

    [Fact]
    public void HighImpactCommandWithConfirmFalseProceeds()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.Equal(0, h.Engine.RunScript("Remove-HostTestThing -Name t1 -Confirm:$false"));
        Assert.Equal(["removed t1"], Lines(h.Out));
    }

    [Fact]
    public void ConfirmationIsAnsweredFromTheReader()
    {
        using var h = new EngineHarness(_module.ManifestPath, new StringReader("n\ny\n"));

        Assert.Equal(0, h.Engine.RunScript("Remove-HostTestThing -Name t1; Remove-HostTestThing -Name t2"));
        Assert.Equal(["kept t1", "removed t2"], Lines(h.Out));
        Assert.Contains("[Y] Yes", h.Err);
    }

    [Fact]
    public void AnsiEscapesAreStripped()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript(
            "$e = [char]27; \"$e[31mred$e[0m\"; $host.UI.WriteErrorLine(\"$e[1;33mbold$e[0m\")");

        Assert.Equal(0, code);
        Assert.Equal(["red"], Lines(h.Out));
        Assert.Equal(["bold"], Lines(h.Err));
    }

    [Fact]
    public void ObjectsRenderAsAPlainTable()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript("[pscustomobject]@{A=1;B='x'}; [pscustomobject]@{A=22;B='yy'}");

        Assert.Equal(0, code);
        string[] lines = Lines(h.Out);
        Assert.Equal(["A", "B"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^-+ +-+$", lines[1].Trim());
        Assert.Equal(["1", "x"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["22", "yy"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\x1b', h.Out);
    }

    [Fact]
    public void WideTablesAreNotCut()
    {
        using var h = new EngineHarness(_module.ManifestPath);
        string wide = new('w', 130);

        Assert.Equal(0, h.Engine.RunScript($"[pscustomobject]@{{Name='n';Value='{wide}'}}"));
        Assert.Contains(wide, h.Out);
    }

    [Fact]
    public void WarningsVerboseAndDebugGoToStderrWithPrefixes()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript(
            "$DebugPreference = 'Continue'; " +
            "& { [CmdletBinding()] param() $PSCmdlet.WriteWarning('careful'); $PSCmdlet.WriteVerbose('chatty'); " +
            "$PSCmdlet.WriteDebug('deep'); 'result' } -Verbose");

        Assert.Equal(0, code);
        Assert.Equal(["result"], Lines(h.Out));
        Assert.Equal(["WARNING: careful", "VERBOSE: chatty", "DEBUG: deep"], Lines(h.Err));
    }

    [Fact]
    public void ProgressIsRecordedAndShownThrottled()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript(
            "& { [CmdletBinding()] param() foreach ($i in 1..5) { " +
            "$PSCmdlet.WriteProgress([System.Management.Automation.ProgressRecord]::new(1, 'Copying', \"part $i\")) }; " +
            "$done = [System.Management.Automation.ProgressRecord]::new(1, 'Copying', 'done'); " +
            "$done.RecordType = 'Completed'; $PSCmdlet.WriteProgress($done) }");

        Assert.Equal(0, code);
        Assert.Equal(6, h.Host.ProgressRecords.Count);
        Assert.Equal(ProgressRecordType.Completed, h.Host.ProgressRecords[^1].RecordType);
        // Five quick updates of one activity: the first is printed, later ones are throttled
        // (not asserted to be exactly one, so a stalled CI machine cannot fail this).
        string[] shown = Lines(h.Err);
        Assert.Equal("Copying: part 1", shown[0]);
        Assert.True(shown.Length < 5, string.Join(" | ", shown));
        Assert.All(shown, l => Assert.StartsWith("Copying: part ", l));
    }

    [Fact]
    public void VariablesArePassedIn()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        int code = h.Engine.RunScript("$x * 2", new Dictionary<string, object> { ["x"] = 21 });

        Assert.Equal(0, code);
        Assert.Equal(["42"], Lines(h.Out));
    }

    [Fact]
    public void DefaultParameterValuesApplyToCommands()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        h.Engine.SetDefaultParameterValue("Get-HostTestGreeting:Name", "default");

        Assert.Equal(0, h.Engine.RunScript("Get-HostTestGreeting; $PSDefaultParameterValues['Get-HostTestGreeting:Name']"));
        Assert.Equal(["hello default", "default"], Lines(h.Out));
    }

    [Fact]
    public void RunFileBindsNamedPositionalAndRemainingArguments()
    {
        using var h = new EngineHarness(_module.ManifestPath);
        string script = Path.Combine(_module.Folder, "args test.ps1");
        File.WriteAllText(
            script,
            """
            param([string] $Name, [int] $Count, [switch] $Loud)
            "name=$Name count=$Count loud=$Loud"
            "args=$($args -join '|')"
            "root=$([System.IO.Path]::GetFileName($PSScriptRoot))"
            """);

        int code = h.Engine.RunFile(script, ["-Name", "it's $HOME", "-Count:3", "-Loud:$false", "extra", "-5"]);

        Assert.Equal(0, code);
        Assert.Equal(
            ["name=it's $HOME count=3 loud=False", "args=extra|-5", "root=" + Path.GetFileName(_module.Folder)],
            Lines(h.Out));
    }

    [Fact]
    public void RunFileReturnsTheScriptsExitCode()
    {
        using var h = new EngineHarness(_module.ManifestPath);
        string script = Path.Combine(_module.Folder, "exit.ps1");
        File.WriteAllText(script, "param([int] $Code) exit $Code");

        Assert.Equal(5, h.Engine.RunFile(script, ["5"]));
    }

    [Fact]
    public void RunFileOfAMissingFileFails()
    {
        using var h = new EngineHarness(_module.ManifestPath);

        Assert.Equal(1, h.Engine.RunFile(Path.Combine(_module.Folder, "missing.ps1"), []));
        Assert.Contains("missing.ps1", h.Err);
    }

    [Fact]
    public void CreatePowerShellUsesTheSameRunspace()
    {
        using var h = new EngineHarness(_module.ManifestPath);
        h.Engine.RunScript("$shared = 'from RunScript'");

        using PowerShell ps = h.Engine.CreatePowerShell();
        var result = ps.AddScript("$shared; Get-HostTestGreeting").Invoke();

        Assert.Equal(["from RunScript", "hello world"], result.Select(r => r.ToString()));
    }

    [Fact]
    public void ImportWarningsAreCollectedAndShown()
    {
        string manifest = _module.Write("Unapproved", "function Frob-Thing { 'frob' }", "'Frob-Thing'");

        using var h = new EngineHarness(manifest);

        Assert.NotNull(h.Engine.ModuleInfo);
        Assert.NotEmpty(h.Engine.ImportWarnings);
        Assert.Contains("WARNING: ", h.Err);
    }

    [Fact]
    public void FailedImportIsReportedNotThrown()
    {
        string manifest = _module.Write("Broken", "function Get-Broken { } }", "'Get-Broken'");

        using var h = new EngineHarness(manifest);

        Assert.Null(h.Engine.ModuleInfo);
        Assert.NotEmpty(h.Engine.ImportErrors);
        Assert.Contains("FullyQualifiedErrorId", h.Err);
    }

    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r', ' ')).Where(l => l.Length > 0).ToArray();
}

/// <summary>Runspaces importing the module at the same moment, as parallel test sessions and remoting endpoints do.</summary>
public sealed class ConcurrentImportTests
{
    [Fact]
    public void ManyRunspacesImportingAtOnce_AllImportCleanly_AndNameTheEnginesTypes()
    {
        using var start = new Barrier(8);
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            using var engine = new HostedEngine(new TextHost(new StringWriter(), new StringWriter()), ModuleLocator.FindManifest());
            foreach (var error in engine.ImportErrors)
            {
                errors.Add(error.ToString());
            }

            using var ps = engine.CreatePowerShell();
            ps.AddScript("[PrinterTools.PrinterStatus].FullName");
            var named = ps.Invoke();
            if (ps.Streams.Error.Count > 0 || named.Count != 1 || named[0].ToString() != "PrinterTools.PrinterStatus")
            {
                errors.Add("type name: " + string.Join("; ", ps.Streams.Error));
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TestGuard.Limit), "an import hung"));

        Assert.Empty(errors);
    }
}
