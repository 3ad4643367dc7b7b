using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Netns.Testing.NUnit.Tests;

/// <summary>NUnit's assertions in a body that runs in a namespace give the results they give elsewhere.</summary>
public class AssertionTests
{
    [Test]
    public void AssertMultiple_ReportsEveryFailure()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Asserting), nameof(Asserting.FailsTwice));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.AssertionResults, Has.Count.EqualTo(2));
        Assert.That(result.AssertionResults[0].Message, Does.Contain("first"));
        Assert.That(result.AssertionResults[1].Message, Does.Contain("second"));
    }

    [Test]
    public void AssertIgnore_IsIgnored()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Asserting), nameof(Asserting.Ignores));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Ignored));
        Assert.That(result.Message, Is.EqualTo("not today"));
    }

    [Test]
    public void AssertPass_AfterAwait_Passes()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Asserting), nameof(Asserting.PassesAfterAwait));

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Success));
        Assert.That(result.Message, Is.EqualTo("done"));
    }

    [Test]
    public void ExpectedResult_Mismatch_Fails()
    {
        ITestResult result = FixtureRunner.RunOne(typeof(Asserting), nameof(Asserting.ReturnsTwo) + "()");

        Assert.That(result.ResultState, Is.EqualTo(ResultState.Failure));
        Assert.That(result.Message, Does.Contain("Expected: 3"));
    }

    [Explicit("Runs in-process from AssertionTests")]
    [NetNamespace("solo")]
    public class Asserting
    {
        [Test]
        public async Task FailsTwice()
        {
            await Task.Yield();
            Assert.Multiple(() =>
            {
                Assert.That(1, Is.EqualTo(2), "first");
                Assert.That(3, Is.EqualTo(4), "second");
            });
        }

        [Test]
        public void Ignores() => Assert.Ignore("not today");

        [Test]
        public async Task PassesAfterAwait()
        {
            await Task.Delay(1);
            Assert.Pass("done");
        }

        [TestCase(ExpectedResult = 3)]
        public int ReturnsTwo() => 2;
    }
}
