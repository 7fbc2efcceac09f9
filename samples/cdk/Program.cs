using Amazon.CDK;
using KmsLint.CdkSample;

var app = new App();
new DataStack(app, "DataStack", isDev: app.Node.TryGetContext("dev") is "true");
app.Synth();
