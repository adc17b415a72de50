using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.FlashForge;

/// <summary>
/// Uploads and starts jobs, and fetches stored files' thumbnails, over HTTP where the model
/// serves it and credentials were given, otherwise over the console.
/// </summary>
public static class FlashForgeJobs
{
    public static async Task<PrinterJob> StartAsync(FlashForgeConnectionOptions options, PrinterJobRequest request, IProgress<long>? progress, CancellationToken cancel)
    {
        var name = request.TargetName;
        if (request.Timelapse || request.StartLayer != 0)
        {
            request.Warn?.Invoke($"{options.Address}: FlashForge printers take no -Timelapse or -StartLayer; the job starts from its first layer without a time-lapse.");
        }
        using var source = request.LocalPath is null ? null : OpenLocal(request.LocalPath);
        var size = source?.Length ?? 0;

        var serial = options.Credential is null ? null : await SerialNumberAsync(options, cancel).ConfigureAwait(false);
        // Only a refused first contact falls back to the console; a failure later never repeats the upload.
        if (serial is not null && await FlashForgeHttpClient.TryGetDetailAsync(options, serial, cancel).ConfigureAwait(false) is { } detail)
        {
            var status = FlashForgeStatusReader.FromDetail(options.Address, detail, DateTime.Now);
            RefuseIfBusy(options.Address, status.State, status.FileName);
            CheckName(options.Address, name, overConsole: false);
            var firmware = detail.TryGetProperty("firmwareVersion", out var fw) && fw.ValueKind == JsonValueKind.String ? fw.GetString() : null;
            var newFirmware = FlashForgeHttpFiles.IsNewFirmware(status.Model, firmware);
            if (source is null)
            {
                await RequireStoredAsync(options, name, cancel).ConfigureAwait(false);
            }
            else
            {
                CheckFreeSpace(options.Address, name, size, detail);
                // Upload without printNow, then start: a cut-off upload can never start a job.
                var headers = FlashForgeHttpFiles.UploadHeaders(size, printNow: false, levelBed: request.LevelBed, newFirmware);
                await FlashForgeHttpClient.UploadAsync(options, serial, name, source, size, headers, progress, cancel).ConfigureAwait(false);
            }
            await request.BeforeStartAsync(cancel).ConfigureAwait(false);
            await FlashForgeHttpFiles.PrintAsync(options, serial, name, request.LevelBed, newFirmware, cancel).ConfigureAwait(false);
            return Started(status.Name, options.Address, name, size);
        }

        options = options.WithoutCredential();
        return await FlashForgeControlSession.RunAsync(options, cancel, async session =>
        {
            var info = FlashForgeTextParser.ParseMachineInfo(await session.SendAsync("M115", cancel).ConfigureAwait(false));
            var machine = FlashForgeTextParser.ParseMachineState(await session.SendAsync("M119", cancel).ConfigureAwait(false));
            RefuseIfBusy(options.Address, FlashForgeStateMap.FromMachineStatus(machine.MachineStatus, machine.MoveMode), machine.CurrentFile);
            CheckName(options.Address, name, overConsole: true);
            if (source is null)
            {
                var stored = await FlashForgeConsoleFiles.ListAsync(session.Console, options.Timeout, cancel).ConfigureAwait(false);
                RequireListed(options.Address, name, stored);
            }
            else
            {
                if (FlashForgeModels.HasHttpApi(info.Model))
                {
                    // TCP uploads to the 5M family start and "complete" at once or fail at 99 % (notes §2.5).
                    throw new PrinterException(PrinterErrorKind.AuthenticationFailed, options.Address,
                        $"{options.Address} is an {info.Model}: uploads go over its HTTP API, which needs the LAN-mode check code (-Credential or -AccessCode).");
                }
                await FlashForgeConsoleFiles.UploadAsync(session, name, source, size, progress, options.Timeout, cancel).ConfigureAwait(false);
            }
            if (request.LevelBed)
            {
                // M23 has no leveling option; only HTTP /printGcode takes levelingBeforePrint.
                request.Warn?.Invoke($"{options.Address}: -LevelBed is not available over the printer's console; the job starts without leveling.");
            }
            await request.BeforeStartAsync(cancel).ConfigureAwait(false);
            await FlashForgeConsoleFiles.StartAsync(session, name, cancel).ConfigureAwait(false);
            return Started(info.Name ?? options.Address, options.Address, name, size);
        }).ConfigureAwait(false);
    }

    /// <summary>The stored file's thumbnail: /gcodeThumb with credentials, else M662.</summary>
    public static async Task<byte[]> ThumbnailAsync(FlashForgeConnectionOptions options, string name, CancellationToken cancel)
    {
        if (options.Credential is not null)
        {
            var serial = await SerialNumberAsync(options, cancel).ConfigureAwait(false);
            try
            {
                return await FlashForgeHttpFiles.ThumbnailAsync(options, serial, name, cancel).ConfigureAwait(false);
            }
            catch (PrinterException e) when (e.Kind == PrinterErrorKind.Unreachable && options.Known?.Model is null)
            {
                options = options.WithoutCredential(); // no HTTP there: a legacy printer
            }
        }
        return await FlashForgeConsole.ReadAsync(options, "M662", cancel,
            (tcp, token) => FlashForgeConsoleFiles.ThumbnailAsync(tcp, name, options.Timeout, token)).ConfigureAwait(false);
    }

    /// <summary>Every stored file: M661 (names only) where the console has it, since HTTP lists only the 10 most recent.</summary>
    public static async Task<IReadOnlyList<PrinterFile>> ListAsync(FlashForgeConnectionOptions options, CancellationToken cancel)
    {
        try
        {
            var names = await FlashForgeConsole.ReadAsync(options, "M661", cancel,
                (tcp, token) => FlashForgeConsoleFiles.ListAsync(tcp, options.Timeout, token)).ConfigureAwait(false);
            return names.Select(name => new PrinterFile { FileName = name }).ToList();
        }
        catch (PrinterException) when (options.Credential is not null)
        {
            // The AD5X removed M661 and the Creator 5 has no console: ask HTTP.
            var serial = await SerialNumberAsync(options, cancel).ConfigureAwait(false);
            return await FlashForgeHttpFiles.ListAsync(options, serial, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The serial number for HTTP: given, known from discovery, or read with M115.</summary>
    public static async Task<string> SerialNumberAsync(FlashForgeConnectionOptions options, CancellationToken cancel)
    {
        var serial = options.Credential?.UserName;
        if (string.IsNullOrEmpty(serial))
        {
            serial = options.Known?.SerialNumber;
        }
        if (string.IsNullOrEmpty(serial))
        {
            serial = (await FlashForgeConsole.ReadAsync(options, "M115", cancel,
                (tcp, token) => FlashForgeConsole.MachineInfoAsync(tcp, options.Timeout, token)).ConfigureAwait(false)).SerialNumber;
        }
        return serial ?? "";
    }

    private static FileStream OpenLocal(string path)
    {
        // Shared reading only: a file another program is still writing is refused before anything is sent.
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
    }

    private static async Task RequireStoredAsync(FlashForgeConnectionOptions options, string name, CancellationToken cancel) =>
        RequireListed(options.Address, name, (await ListAsync(options, cancel).ConfigureAwait(false)).Select(file => file.FileName).ToList());

    private static void RequireListed(string address, string name, IReadOnlyList<string> stored)
    {
        if (!stored.Contains(name, StringComparer.Ordinal))
        {
            throw new PrinterException(PrinterErrorKind.FileNotFound, address, $"{address} has no file named '{name}'.");
        }
    }

    private static void RefuseIfBusy(string address, PrinterState state, string? file)
    {
        if (state is PrinterState.Printing or PrinterState.Pausing or PrinterState.Paused or PrinterState.Resuming or PrinterState.Busy)
        {
            throw new PrinterException(PrinterErrorKind.Busy, address, $"{address} is {state.ToString().ToLowerInvariant()}{(file is null ? "" : $" '{file}'")}; start the job when it is done.");
        }
    }

    private static void CheckName(string address, string name, bool overConsole)
    {
        if (FlashForgeFileName.Check(name, overConsole) is { } problem)
        {
            throw new PrinterException(PrinterErrorKind.NotSupported, address, $"{address}: {problem}");
        }
    }

    /// <summary>remainingDiskSpace is in GB (real 5M Pro: 5.29).</summary>
    private static void CheckFreeSpace(string address, string name, long size, JsonElement detail)
    {
        if (detail.TryGetProperty("remainingDiskSpace", out var free) && free.ValueKind == JsonValueKind.Number
            && size > free.GetDouble() * 1024 * 1024 * 1024)
        {
            throw new PrinterException(PrinterErrorKind.StorageFull, address,
                $"{address} has {free.GetDouble():0.##} GB free; '{name}' needs {size / (1024.0 * 1024 * 1024):0.##} GB.");
        }
    }

    private static PrinterJob Started(string name, string address, string fileName, long uploaded) => new()
    {
        Name = name,
        Address = address,
        FileName = fileName,
        State = PrinterState.Printing,
        StartedAt = DateTime.Now,
        BytesUploaded = uploaded,
    };
}
