using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Execution;

namespace Netns.Testing.NUnit.Tests;

/// <summary>
/// Builds a fixture class and runs it in this process, as NUnit would, and returns its result. The
/// fixtures it runs are [Explicit] so that the ordinary test run skips them.
/// </summary>
internal static class FixtureRunner
{
    /// <summary>Builds <paramref name="fixtureType"/>, hooks it unless <paramref name="hook"/> is false, and runs it.</summary>
    public static ITestResult Run(Type fixtureType, bool hook = true)
    {
        TestSuite fixture = Build(fixtureType, hook);
        return Run(fixture);
    }

    public static TestSuite Build(Type fixtureType, bool hook = true)
    {
        TestSuite fixture = new DefaultSuiteBuilder().BuildFrom(new TypeWrapper(fixtureType));
        if (fixture.RunState == RunState.Explicit)
        {
            fixture.RunState = RunState.Runnable;
        }

        if (hook)
        {
            new NetnsTestsAttribute().ApplyToTest(fixture);
        }

        return fixture;
    }

    /// <summary>Builds and hooks <paramref name="fixtureType"/> and runs only its test named <paramref name="testName"/>.</summary>
    public static ITestResult RunOne(Type fixtureType, string testName) =>
        Run(Build(fixtureType), new NameFilter(testName)).Case(testName);

    public static ITestResult Run(TestSuite fixture, TestFilter? filter = null)
    {
        // A separate task keeps the fixture's execution context from replacing the calling test's.
        return Task.Run(() =>
        {
            WorkItem work = WorkItemBuilder.CreateWorkItem(fixture, filter ?? TestFilter.Empty, recursive: true)
                ?? throw new InvalidOperationException($"NUnit made no work item for '{fixture.FullName}'.");
            var context = new TestExecutionContext { Dispatcher = new MainThreadWorkItemDispatcher() };
            work.InitializeContext(context);
            work.Execute();
            work.WaitForCompletion();
            return (ITestResult)work.Result;
        }).GetAwaiter().GetResult();
    }

    /// <summary>Returns the result of the test case named <paramref name="name"/> anywhere below <paramref name="result"/>.</summary>
    public static ITestResult Case(this ITestResult result, string name)
    {
        foreach (ITestResult child in result.Children)
        {
            if (child.Test.Name == name)
            {
                return child;
            }

            if (child.HasChildren && TryFind(child, name) is ITestResult found)
            {
                return found;
            }
        }

        throw new KeyNotFoundException($"No test named '{name}' in the result of '{result.FullName}'.");
    }

    private static ITestResult? TryFind(ITestResult result, string name)
    {
        try
        {
            return result.Case(name);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private sealed class NameFilter(string name) : TestFilter
    {
        public override bool Match(ITest test) => test.Name == name;

        public override TNode AddToXml(TNode parentNode, bool recursive) => parentNode.AddElement("name", name);
    }
}
