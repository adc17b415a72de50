using System.Text.Json;
using PrinterTools.Simulator.Jobs;

namespace PrinterTools.Simulator.Http;

/// <summary>The /control and /printGcode commands that change what the virtual printer reports (notes §3.4).</summary>
internal static class ControlCommands
{
    /// <summary>Applies <c>payload:{cmd,args}</c>; commands the simulator does not model succeed and change nothing.</summary>
    public static byte[] Control(ApiRequest request, FlashForgePrinterOptions options, PrintJobs jobs)
    {
        if (!request.Root.TryGetProperty("payload", out JsonElement payload) || ApiRequest.Text(payload, "cmd") is not string cmd)
        {
            return ApiReplies.BadParameter();
        }

        payload.TryGetProperty("args", out JsonElement args);
        switch (cmd)
        {
            case "lightControl_cmd":
                options.LightOn = ApiRequest.Text(args, "status") == "open";
                break;
            case "jobCtl_cmd":
                // jobID may be empty (§3.4); there is only ever one job.
                _ = ApiRequest.Text(args, "action") switch
                {
                    "pause" => jobs.Pause(),
                    "continue" => jobs.Resume(),
                    "cancel" => jobs.Cancel(),
                    _ => false,
                };
                break;
            case "stateCtrl_cmd" when ApiRequest.Text(args, "action") == "setClearPlatform":
                jobs.ClearPlatform();
                break;
            case "printerCtl_cmd":
                // Percent; -200 (or a field left out) = unchanged (§3.4).
                SetTarget(ApiRequest.Number(args, "coolingFan"), v => options.CoolingFan = (int)v);
                SetTarget(ApiRequest.Number(args, "chamberFan"), v => options.ChamberFan = (int)v);
                break;
            case "temperatureCtl_cmd":
                // -200 = leave unchanged, -100 = heater off (§3.4).
                SetTarget(ApiRequest.Number(args, "rightNozzle"), t => options.NozzleTarget = t);
                SetTarget(ApiRequest.Number(args, "platform"), t => options.BedTarget = t);
                SetTarget(ApiRequest.Number(args, "chamber"), t => options.ChamberTarget = t);
                break;
        }

        return ApiReplies.Success();
    }

    /// <summary>
    /// Starts printing a stored file (fileName, §3.2); a missing file gets FNET_GCODE_NOT_FOUND (our choice, see
    /// <see cref="ApiReplies.NotFoundCode"/>). levelingBeforePrint must be a JSON boolean when present: the
    /// Creator 5 answers "Parameter is error." otherwise (§3.1).
    /// </summary>
    public static byte[] PrintFile(ApiRequest request, PrintJobs jobs)
    {
        if (ApiRequest.Text(request.Root, "fileName") is not { Length: > 0 } file
            || (request.Root.TryGetProperty("levelingBeforePrint", out JsonElement leveling)
                && leveling.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
        {
            return ApiReplies.BadParameter();
        }

        return jobs.TryStart(file, out _) ? ApiReplies.Success() : ApiReplies.NotFound();
    }

    private static void SetTarget(double? requested, System.Action<double> set)
    {
        if (requested is double value && value != -200)
        {
            set(value == -100 ? 0 : value);
        }
    }
}
