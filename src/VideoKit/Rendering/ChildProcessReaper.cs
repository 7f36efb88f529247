using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VideoKit.Rendering;

/// <summary>
/// Makes sure an abandoned FFmpeg is gone. FFMpegCore's cancellation asks FFmpeg to quit ('q'), kills it after a grace
/// period and can return before the process has exited; this finds this process's children whose command line holds
/// a marker (the encode's unique temporary file), kills them and waits for them. Linux only (/proc); a no-op elsewhere,
/// where FFMpegCore's kill is relied on.
/// </summary>
internal static class ChildProcessReaper
{
    public static async Task KillAndWaitAsync(string marker, TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (int pid in FindChildren(marker))
        {
            try
            {
                using Process process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(timeout);
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
            {
                // Exited meanwhile, or would not die in time: nothing more to do.
            }
        }
    }

    private static List<int> FindChildren(string marker)
    {
        var found = new List<int>();
        int self = Environment.ProcessId;
        string[] dirs;
        try
        {
            dirs = Directory.GetDirectories("/proc");
        }
        catch (IOException)
        {
            return found;
        }

        foreach (string dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int close = stat.LastIndexOf(')');
                string[] fields = stat[(close + 2)..].Split(' ');
                if (fields[0] == "Z" || int.Parse(fields[1], CultureInfo.InvariantCulture) != self)
                {
                    continue;
                }

                string commandLine = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "cmdline")));
                if (commandLine.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }
}
