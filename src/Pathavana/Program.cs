using Pathavana.Operations;

return await PathavanaCli.RunAsync(args);

/// <summary>The entry point, named so that test hosts can find it.</summary>
public partial class Program;
