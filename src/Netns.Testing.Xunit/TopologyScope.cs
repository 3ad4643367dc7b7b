namespace Netns.Testing.Xunit;

/// <summary>How long a topology declared for a test lives.</summary>
public enum TopologyScope
{
    /// <summary>Each test, and each theory row, gets a fresh topology that is removed after it.</summary>
    Test,

    /// <summary>
    /// The tests of a class share one topology built from the class's declarations, before the first test
    /// that needs it, and removed after the last test of the class.
    /// </summary>
    Class,
}
