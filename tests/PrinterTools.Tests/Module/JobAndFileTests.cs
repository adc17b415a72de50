using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>Printers for uploads, starts and downloads on 127.R.68.x, with one fault each where named.</summary>
public sealed class TransferFarmFixture : FarmFixture
{
    public const string Stored = "stored-box.gx";

    public TransferFarmFixture() : base(new[]
    {
        Printer($"{TestNet.Block}.68.10", FlashForgeModel.Adventurer4, o => o.StoredFiles = new[] { Stored }),
        Printer($"{TestNet.Block}.68.11", FlashForgeModel.Adventurer5MPro, o => o.StoredFiles = new[] { Stored }),
        Printer($"{TestNet.Block}.68.12", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.DropMidUpload),
        Printer($"{TestNet.Block}.68.13", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.RefuseControl),
        Printer($"{TestNet.Block}.68.14", FlashForgeModel.Adventurer4, o => { o.Fault = FlashForgeFault.BadThumbnailLength; o.StoredFiles = new[] { Stored }; }),
        Printer($"{TestNet.Block}.68.15", FlashForgeModel.Adventurer5MPro, o => o.FreeSpaceBytes = 1024 * 1024),
        Printer($"{TestNet.Block}.68.16", FlashForgeModel.Adventurer4, o => { o.State = VirtualJobState.Printing; o.CurrentFile = "other.gx"; }),
        Printer($"{TestNet.Block}.68.17", FlashForgeModel.Adventurer5MPro, o => o.Fault = FlashForgeFault.DropMidUpload),
        Printer($"{TestNet.Block}.68.18", FlashForgeModel.Adventurer4),
        Printer($"{TestNet.Block}.68.19", FlashForgeModel.Adventurer4),
        Printer($"{TestNet.Block}.68.20", FlashForgeModel.Adventurer4),
        Printer($"{TestNet.Block}.68.21", FlashForgeModel.Adventurer4),
    })
    {
        Folder = Directory.CreateTempSubdirectory("printertools-tests-").FullName;
        // Several megabytes of G-code-like bytes that are not a repeating pattern.
        var random = new Random(42);
        var content = new byte[3 * 1024 * 1024 + 1234];
        random.NextBytes(content);
        BigFile = Path.Combine(Folder, "big.gx");
        File.WriteAllBytes(BigFile, content);
    }

    public string Folder { get; }
    public string BigFile { get; }

    /// <summary>-Credential for a 5M Pro, as PowerShell script text bound to $cred.</summary>
    public System.Collections.Generic.Dictionary<string, object?> Credential(string address)
    {
        var options = At(address).Options;
        return new() { ["cred"] = new PSCredential(options.SerialNumber, ModuleSession.Secure(options.CheckCode)) };
    }
}

/// <summary>Start-PrinterJob and Receive-PrinterFile end to end against the virtual printers.</summary>
public sealed class JobAndFileTests : IClassFixture<TransferFarmFixture>
{
    private readonly TransferFarmFixture _farm;

    public JobAndFileTests(TransferFarmFixture farm) => _farm = farm;

    [Fact]
    public void Upload_OverTheConsole_StoresTheSameBytes_StartsIt_AndItsThumbnailArrives()
    {
        var printer = _farm.At($"{TestNet.Block}.68.10");
        var result = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.10 -Vendor FlashForge -Path '{_farm.BigFile}' -FileName 'tcp-upload.gx'");

        result.AssertNoErrors();
        var job = Assert.Single(result.Objects<PrinterJob>());
        Assert.Equal(PrinterState.Printing, job.State);
        Assert.Equal(new FileInfo(_farm.BigFile).Length, job.BytesUploaded);
        Assert.Equal(File.ReadAllBytes(_farm.BigFile), printer.GetFile("tcp-upload.gx"));
        Assert.Equal(1, printer.JobsStarted);
        Assert.False(printer.ControlHeld);

        // Upload progress: one bar that rises to 100 % and is then closed.
        var bars = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete > 0).Select(p => p.PercentComplete).ToList();
        Assert.True(bars.Count > 10, $"only {bars.Count} progress updates");
        Assert.Equal(bars.OrderBy(p => p), bars);
        Assert.Equal(100, bars.Last());
        Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);

        var status = Assert.Single(_farm.Session.Run($"Get-PrinterStatus -Address {TestNet.Block}.68.10 -Vendor FlashForge").Objects<PrinterStatus>());
        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal("tcp-upload.gx", status.FileName);

        var thumbnail = Path.Combine(_farm.Folder, "tcp-thumbs");
        Directory.CreateDirectory(thumbnail);
        var received = _farm.Session.Run($"Receive-PrinterFile -Address {TestNet.Block}.68.10 -Vendor FlashForge -FileName 'tcp-upload.gx' -Thumbnail -Destination '{thumbnail}'");
        received.AssertNoErrors();
        var file = Assert.Single(received.Objects<FileInfo>());
        Assert.Equal(Path.Combine(thumbnail, "tcp-upload.png"), file.FullName);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(file.FullName).Take(4));
    }

    [Fact]
    public void Upload_OverHttp_WithCredential_StoresTheSameBytes_AndStartsIt()
    {
        var printer = _farm.At($"{TestNet.Block}.68.11");
        var result = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.11 -Vendor FlashForge -Credential $cred -Path '{_farm.BigFile}' -FileName 'http-upload.gx' -LevelBed", _farm.Credential($"{TestNet.Block}.68.11"));

        result.AssertNoErrors();
        Assert.Equal(PrinterState.Printing, Assert.Single(result.Objects<PrinterJob>()).State);
        Assert.Equal(File.ReadAllBytes(_farm.BigFile), printer.GetFile("http-upload.gx"));
        Assert.Equal(1, printer.JobsStarted);
        var headers = printer.LastUploadHeaders!;
        Assert.Equal(new FileInfo(_farm.BigFile).Length.ToString(), headers["fileSize"]);
        Assert.Equal("false", headers["printNow"]);
        var status = Assert.Single(_farm.Session.Run($"Get-PrinterStatus -Address {TestNet.Block}.68.11 -Vendor FlashForge -Credential $cred", _farm.Credential($"{TestNet.Block}.68.11")).Objects<PrinterStatus>());
        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal("http-upload.gx", status.FileName);

        var thumbnail = Path.Combine(_farm.Folder, "http-thumb.png");
        var received = _farm.Session.Run($"Receive-PrinterFile -Address {TestNet.Block}.68.11 -Vendor FlashForge -Credential $cred -FileName 'http-upload.gx' -Thumbnail -Destination '{thumbnail}'", _farm.Credential($"{TestNet.Block}.68.11"));
        received.AssertNoErrors();
        Assert.Equal(thumbnail, Assert.Single(received.Objects<FileInfo>()).FullName);
        Assert.DoesNotContain(printer.Options.CheckCode, result.AllText() + received.AllText());
    }

    [Fact]
    public void SeveralPrinters_UploadConcurrently_EachWithItsOwnProgressBar()
    {
        _farm.Farm.ResetCounters();
        var result = _farm.Session.Run($"'{TestNet.Block}.68.18', '{TestNet.Block}.68.19' | Start-PrinterJob -Vendor FlashForge -Path '{_farm.BigFile}' -FileName 'both.gx'");

        result.AssertNoErrors();
        Assert.Equal(2, result.Objects<PrinterJob>().Count());
        Assert.Equal(2, result.Progress.Select(p => p.ActivityId).Distinct().Count());
        Assert.Equal(2, _farm.Farm.MaxConcurrentControlSessions);
        Assert.All(new[] { $"{TestNet.Block}.68.18", $"{TestNet.Block}.68.19" }, a => Assert.Equal(File.ReadAllBytes(_farm.BigFile), _farm.At(a).GetFile("both.gx")));
    }

    [Fact]
    public void CtrlC_DuringAnUpload_StopsPromptly_ReleasesControl_AndStartsNothing()
    {
        var printer = _farm.At($"{TestNet.Block}.68.21");
        // 20 ms per acknowledged packet: the 3 MB upload would take about 16 s.
        printer.Options.Latency = TimeSpan.FromMilliseconds(20);
        using var ps = _farm.Session.Engine.CreatePowerShell();
        ps.AddScript($"Start-PrinterJob -Address {TestNet.Block}.68.21 -Vendor FlashForge -Path '{_farm.BigFile}' -Timeout 30");
        var running = ps.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => printer.BytesReceived > 64 * 1024, TimeSpan.FromSeconds(10)), "the upload never started");

        ps.Stop();

        Assert.True(running.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(printer.BytesReceived < new FileInfo(_farm.BigFile).Length);
        Assert.True(SpinWait.SpinUntil(() => !printer.ControlHeld, TimeSpan.FromSeconds(10)), "control was not released");
        Assert.True(printer.ReceivedCommands.Contains("M602"), "M602: " + string.Join(",", printer.ReceivedCommands));
        Assert.Equal(0, printer.JobsStarted);
        Assert.Empty(printer.Files);
    }

    [Fact]
    public void StoredFile_StartsByName_AndAMissingOneIsNotFound()
    {
        var started = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.14 -Vendor FlashForge -FileName '{TransferFarmFixture.Stored}'");
        var missing = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.20 -Vendor FlashForge -FileName 'no-such-file.gx'");

        started.AssertNoErrors();
        Assert.Equal(TransferFarmFixture.Stored, Assert.Single(started.Objects<PrinterJob>()).FileName);
        Assert.Equal(1, _farm.At($"{TestNet.Block}.68.14").JobsStarted);
        Assert.Equal(new[] { "PrinterFileNotFound" }, missing.ErrorIds);
        Assert.Equal(0, _farm.At($"{TestNet.Block}.68.20").JobsStarted);
    }

    [Fact]
    public void WhatIf_SendsNothing()
    {
        _farm.Farm.ResetCounters();
        var result = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.18 -Vendor FlashForge -Path '{_farm.BigFile}' -WhatIf; Send-PrinterGcode -Address {TestNet.Block}.68.18 -Gcode 'G28' -WhatIf");

        result.AssertNoErrors();
        Assert.Empty(result.Output);
        var printer = _farm.At($"{TestNet.Block}.68.18");
        Assert.Equal(0, printer.TotalConnections);
        Assert.Equal(0, printer.BytesReceived);
        Assert.Contains("What if:", _farm.Session.Out.ToString());
    }

    [Fact]
    public void MissingOrLockedLocalFile_IsRefusedBeforeAnythingIsSent()
    {
        _farm.Farm.ResetCounters();
        var missing = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.18 -Vendor FlashForge -Path ./no-such.gx");
        var locked = Path.Combine(_farm.Folder, "locked.gx");
        File.WriteAllText(locked, "G28\n");
        ScriptResult lockedResult;
        using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            lockedResult = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.18 -Vendor FlashForge -Path '{locked}'");
        }

        Assert.Equal(new[] { "LocalFileNotFound" }, missing.ErrorIds);
        Assert.Equal(new[] { "LocalFileUnreadable" }, lockedResult.ErrorIds);
        Assert.Equal(0, _farm.At($"{TestNet.Block}.68.18").TotalConnections);
    }

    [Theory]
    [InlineData("../escape.gx")]
    [InlineData("bad\tname.gx")]
    [InlineData("notes.txt")]
    public void BadFileName_IsRefusedBeforeAnythingIsSent(string name)
    {
        _farm.Farm.ResetCounters();
        var result = _farm.Session.Run($"try {{ Start-PrinterJob -Address {TestNet.Block}.68.18 -Vendor FlashForge -FileName $name }} catch {{ $_.FullyQualifiedErrorId }}", new() { ["name"] = name });

        Assert.Equal("PrinterInvalidArgument,PrinterTools.Commands.StartPrinterJobCommand", Assert.Single(result.Output).ToString());
        Assert.Equal(0, _farm.At($"{TestNet.Block}.68.18").TotalConnections);
    }

    [Fact]
    public void FileTooLargeForTheFreeSpace_IsRefusedBeforeTheUpload()
    {
        var result = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.68.15 -Vendor FlashForge -Credential $cred -Path '{_farm.BigFile}'", _farm.Credential($"{TestNet.Block}.68.15"));

        Assert.Equal(new[] { "PrinterStorageFull" }, result.ErrorIds);
        Assert.Equal(0, _farm.At($"{TestNet.Block}.68.15").BytesReceived);
    }

    [Fact]
    public void BusyPrinters_AreRefused_AndNothingIsUploaded()
    {
        var result = _farm.Session.Run($"'{TestNet.Block}.68.13', '{TestNet.Block}.68.16' | Start-PrinterJob -Vendor FlashForge -Path '{_farm.BigFile}'");

        Assert.Equal(new[] { "PrinterBusy", "PrinterBusy" }, result.ErrorIds);
        Assert.Equal(0, _farm.At($"{TestNet.Block}.68.13").BytesReceived + _farm.At($"{TestNet.Block}.68.16").BytesReceived);
        Assert.Equal("other.gx", _farm.At($"{TestNet.Block}.68.16").Options.CurrentFile);
    }

    [Theory]
    [InlineData("@net.68.12", false)]
    [InlineData("@net.68.17", true)]
    public void UploadCutOffHalfWay_IsAnError_NeverAStartedJob(string address, bool overHttp)
    {
        address = TestNet.Expand(address);
        var printer = _farm.At(address);
        var result = _farm.Session.Run(
            $"Start-PrinterJob -Address {address} -Vendor FlashForge -Path '{_farm.BigFile}' -Timeout 3" + (overHttp ? " -Credential $cred" : ""),
            overHttp ? _farm.Credential(address) : null);

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.IsType<PrinterException>(error.Exception);
        Assert.Equal(0, printer.JobsStarted);
        Assert.Empty(printer.Files);
        Assert.True(SpinWait.SpinUntil(() => !printer.ControlHeld, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void ThumbnailOfImpossibleLength_IsAProtocolError()
    {
        var result = _farm.Session.Run($"Receive-PrinterFile -Address {TestNet.Block}.68.14 -Vendor FlashForge -FileName '{TransferFarmFixture.Stored}' -Thumbnail -Destination '{_farm.Folder}' -Timeout 2");

        Assert.Equal(new[] { "PrinterProtocolError" }, result.ErrorIds);
        Assert.Contains("2147483632 bytes", result.Errors[0].Exception.Message);
        Assert.False(File.Exists(Path.Combine(_farm.Folder, "stored-box.png")));
    }

    [Fact]
    public void ThumbnailOfAMissingFile_IsNotFound_NotATimeout()
    {
        var result = _farm.Session.Run($"Receive-PrinterFile -Address {TestNet.Block}.68.20 -Vendor FlashForge -FileName 'nothing-here.gx' -Thumbnail -Destination '{_farm.Folder}' -Timeout 5");

        Assert.Equal(new[] { "PrinterFileNotFound" }, result.ErrorIds);
    }

    [Fact]
    public void Snapshot_FromAPrinterWithoutCamera_IsNotSupported()
    {
        var result = _farm.Session.Run($"Receive-PrinterFile -Address {TestNet.Block}.68.20 -Vendor FlashForge -Snapshot -Destination '{_farm.Folder}' -Timeout 2");

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
    }

    [Fact]
    public void Snapshot_IsTheFirstJpegOfTheCameraStream()
    {
        var folder = Directory.CreateTempSubdirectory("printertools-snap-").FullName;
        var result = _farm.Session.Run($"Find-Printer -Address {TestNet.Block}.68.11 -Timeout 2 | Receive-PrinterFile -Snapshot -Destination '{folder}'");

        result.AssertNoErrors();
        var bytes = File.ReadAllBytes(Assert.Single(result.Objects<FileInfo>()).FullName);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes.Take(2));
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, bytes.Skip(bytes.Length - 2));
        Assert.StartsWith(folder, Assert.Single(result.Objects<FileInfo>()).FullName);
    }

    [Fact]
    public void MissingDestinationFolder_IsThatPrintersError_AndTheNextPrinterIsServed()
    {
        var missing = Path.Combine(_farm.Folder, "no-such-folder", "thumb.png");
        var result = _farm.Session.Run($"'{TestNet.Block}.68.10', '{TestNet.Block}.68.14' | Receive-PrinterFile -Vendor FlashForge -FileName '{TransferFarmFixture.Stored}' -Thumbnail -Destination '{missing}' -Timeout 2");

        Assert.Equal(new[] { "DestinationFolderNotFound", "DestinationFolderNotFound" }, result.ErrorIds);
    }

    [Fact]
    public void ExistingDestination_NeedsForce()
    {
        var target = Path.Combine(_farm.Folder, "exists.png");
        File.WriteAllText(target, "keep me");
        var refused = _farm.Session.Run($"Receive-PrinterFile -Address {TestNet.Block}.68.10 -Vendor FlashForge -FileName '{TransferFarmFixture.Stored}' -Thumbnail -Destination '{target}'");
        Assert.Equal(new[] { "DestinationFileExists" }, refused.ErrorIds);
        Assert.Equal("keep me", File.ReadAllText(target));

        var forced = _farm.Session.Run($"Receive-PrinterFile -Address {TestNet.Block}.68.10 -Vendor FlashForge -FileName '{TransferFarmFixture.Stored}' -Thumbnail -Destination '{target}' -Force");
        forced.AssertNoErrors();
        Assert.NotEqual("keep me", File.ReadAllText(target));
    }

    // Fixed expectations, not a copy of the cmdlet's logic: each row breaks if SafeName stops doing its part.
    // Only characters invalid on every platform (NUL, slashes, ':', control characters) are used, so the rows
    // hold on Windows and Linux alike.
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\x.png", "x.png")]
    [InlineData("C:\\Windows\\x", "x")]
    [InlineData("/abs/path.png", "path.png")]
    [InlineData("\\\\server\\share\\thumb.png", "thumb.png")]
    [InlineData("..\\../mixed/..\\final.gx", "final.gx")]
    [InlineData("/data/..hidden.gx", "hidden.gx")]
    [InlineData("dir/", "printer-file")]
    [InlineData("C:x.png", "C_x.png")]
    [InlineData("tab\there.png", "tab_here.png")]
    [InlineData("line\r\nbreak\u0007.png", "line__break_.png")]
    [InlineData("nul\0.png", "nul_.png")]
    [InlineData("\u001b[31mred.png", "_[31mred.png")]
    [InlineData("  spaced.png  ", "spaced.png")]
    // Windows device names, with or without an extension, would open the device.
    [InlineData("CON", "_CON")]
    [InlineData("nul.png", "_nul.png")]
    [InlineData("com1 .gx", "_com1 .gx")]
    [InlineData("CONSOLE.png", "CONSOLE.png")]
    [InlineData("LPT0.png", "_LPT0.png")]
    [InlineData("com\u00B9.gx", "_com\u00B9.gx")]
    // Trailing dots and spaces are dropped by Windows; leading dots and spaces, mixed, are all removed.
    [InlineData(". .png", "png")]
    [InlineData("thumb.png. .", "thumb.png")]
    [InlineData("", "printer-file")]
    [InlineData(".", "printer-file")]
    [InlineData("..", "printer-file")]
    [InlineData("....", "printer-file")]
    [InlineData("%2e%2e%2fx.png", "%2e%2e%2fx.png")]
    public void SafeName_ReducesANameFromThePrinterToAPlainFileName(string suggested, string expected)
    {
        Assert.Equal(expected, (string)LocalDestination("SafeName").Invoke(null, new object[] { suggested })!);
    }

    [Fact]
    public void SafeName_KeepsTheEndOfAnOverlongName()
    {
        var name = new string('a', 200) + ".png";

        Assert.Equal(new string('a', 116) + ".png", (string)LocalDestination("SafeName").Invoke(null, new object[] { name })!);
    }

    [Theory]
    [InlineData("../../etc/passwd.png", "passwd.png")]
    [InlineData("..\\..\\evil.png", "evil.png")]
    [InlineData("/abs/path.png", "path.png")]
    [InlineData("..", "printer-file")]
    public void NamesFromThePrinter_StayInsideTheDestination(string suggested, string expected)
    {
        var path = (string)LocalDestination("Resolve").Invoke(null, new object[] { _farm.Folder, suggested })!;

        Assert.Equal(Path.Combine(_farm.Folder, expected), path);
    }

    /// <summary>The module's internal LocalDestination as the engine loaded it (the tests do not reference the module).</summary>
    private System.Reflection.MethodInfo LocalDestination(string method) =>
        _farm.Session.Engine.ModuleInfo!.ImplementingAssembly.GetType("PrinterTools.Internal.LocalDestination")!.GetMethod(method)!;
}
