//# allFunctionsCalledOnLoad
// V8's compile hint: this script is compiled whole as it downloads (docs/DEVELOPING.md, "The first frame").
