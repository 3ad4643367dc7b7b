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
        bool disposed;
        lock (_processes)
        {
            // Disposal marks the namespace before it takes the list, so a process added after
            // that is seen here and stopped by this call instead.
            disposed = IsDisposed;
            if (!disposed)
            {
                _processes.Add(process);
            }
        }

        if (disposed)
        {
            Stop([process]);
            throw CreateDisposedException();
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

        Stop(processes);
    }

    /// <summary>
    /// Sends SIGTERM to each running process, then SIGKILL to those still running after
    /// <see cref="ProcessStopTimeout"/>.
    /// </summary>
    private void Stop(Process[] processes)
    {
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
