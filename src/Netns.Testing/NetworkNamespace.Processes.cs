using System.Diagnostics;
using Netns.Testing.Interop;

namespace Netns.Testing;

public sealed partial class NetworkNamespace
{
    private const int SIGTERM = 15;

    /// <summary>
    /// Starts a child process inside this namespace. It is stopped when the namespace is
    /// disposed if it is still running: SIGTERM first, then SIGKILL after <see cref="ProcessStopTimeout"/>.
    /// </summary>
    public Process StartProcess(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);

        // fork copies the calling thread's namespaces, so the child starts from the namespace thread.
        Process process = Run(() => Process.Start(startInfo))
            ?? throw new NetworkNamespaceException($"Starting '{startInfo.FileName}' in namespace '{Name}' failed.");
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private void StopProcesses()
    {
        Process[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
            _processes.Clear();
        }

        foreach (Process process in processes.Where(IsRunning))
        {
            Sys.Kill(process.Id, SIGTERM);
        }

        foreach (Process process in processes.Where(IsRunning))
        {
            if (!process.WaitForExit(ProcessStopTimeout))
            {
                NamespaceLog.ProcessKilled(NamespaceLog.Logger, process.Id, Name);
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }

    private static bool IsRunning(Process process)
    {
        try
        {
            return !process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
