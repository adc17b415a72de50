using System.Threading;

namespace PrinterTools.Simulator.Net;

/// <summary>Lock-free maxima for the counters' "most at once" figures.</summary>
internal static class Gauge
{
    /// <summary>Raises <paramref name="max"/> to <paramref name="candidate"/> unless another thread raised it higher.</summary>
    public static void RaiseMax(ref int max, int candidate)
    {
        int seen = Volatile.Read(ref max);
        while (candidate > seen)
        {
            int previous = Interlocked.CompareExchange(ref max, candidate, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
