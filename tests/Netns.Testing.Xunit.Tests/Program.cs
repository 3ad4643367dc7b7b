using Netns.Testing.Xunit.Tests.Harness;

namespace Netns.Testing.Xunit.Tests;

/// <summary>
/// Runs a fixture class and prints one line per result, when tests start this assembly as a child
/// process (for example as an unprivileged user): dotnet Netns.Testing.Xunit.Tests.dll run-fixture TYPE.
/// The test host loads the assembly without calling this.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["run-fixture", string typeName])
        {
            await Console.Error.WriteLineAsync("usage: run-fixture FIXTURE_TYPE_NAME");
            return 2;
        }

        Type fixture = typeof(Program).Assembly.GetType(typeName, throwOnError: true)!;
        FixtureRun run = await FixtureRunner.RunAsync(fixture);
        foreach (FixtureResult result in run.Results)
        {
            Console.WriteLine(result.ToLine());
        }

        return 0;
    }
}
