using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The gateway's page at <c>/</c> in a real browser (Debian's Chromium, driven by Playwright; no browser download):
/// a wrong key is answered from the problem details, then submit → live progress → comment → approve at the storyboard
/// → completed → the MP4 plays; and the page's Content-Security-Policy refuses nothing it needs.
/// </summary>
[Category("EndToEnd")]
public class When_a_person_uses_the_web_page
{
    private const string Chromium = "/usr/bin/chromium";
    private WebApplication _app = null!;
    private string _folder = null!;
    private string _key = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!File.Exists(Chromium))
            Assert.Fail($"{Chromium} is missing: scripts/ensure-deps.sh --browser (run by test.sh) installs Debian's chromium.");
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-page-").FullName;
        _app = GatewayApp.Build([.. InProcessGateway.Settings(_folder)]);
        await _app.StartAsync();
        _key = (await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("page", ["videos:submit", "videos:read", "videos:approve", "videos:comment"], "team-page")).Secret;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Should_submit_follow_comment_approve_and_play_the_video()
    {
        var page = await _browser.NewPageAsync(new() { BaseURL = InProcessGateway.Address(_app).ToString() });
        page.SetDefaultTimeout(60_000);
        // The pipeline's stages take seconds on a busy machine: Playwright's five-second default is too short.
        Assertions.SetDefaultExpectTimeout(60_000);
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
                consoleErrors.Add(m.Text);
        };
        var response = await page.GotoAsync("/");
        Assert.That(response!.Headers["content-security-policy"], Does.Contain("script-src 'self'").And.Not.Contain("unsafe-inline"));

        // A wrong key: the page shows the problem's title, not a raw response.
        await page.GetByLabel("API key").FillAsync("wrong-key");
        await page.GetByLabel("Prompt").FillAsync("A paper boat drifting down a rainy street");
        await page.GetByLabel("Duration (seconds)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("key");

        await page.GetByLabel("API key").FillAsync(_key);
        await page.GetByLabel("Approver roles (comma-separated)").FillAsync("client");
        await page.GetByLabel("at the storyboard (before any paid render)").CheckAsync();
        // Keyboard: the submit button is reached and pressed without the mouse.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var progress = page.Locator("#progress-text");
        await Assertions.Expect(progress).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(progress).ToContainTextAsync("AwaitingApproval");
        await Assertions.Expect(page.Locator("#stages li.done")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#figures")).ToContainTextAsync("Estimated cost");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play the storyboard animatic" })).ToBeVisibleAsync();

        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Make the boat red.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#comments")).ToContainTextAsync("Make the boat red.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reply to" }).First.ClickAsync();
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Agreed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#comments li ul li")).ToContainTextAsync("Agreed.");

        await page.GetByLabel("Approve or reject as").SelectOptionAsync("client");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Complete", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#figures")).ToContainTextAsync("Technical QA");

        // The MP4 loads in the player: metadata read, a duration near the two seconds asked for.
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('video-player'); return v.readyState >= 1 && v.duration > 0; }");
        var duration = await page.EvaluateAsync<double>("() => document.getElementById('video-player').duration");
        Assert.That(duration, Is.InRange(1.5, 3.0));
        await Assertions.Expect(page.Locator("#versions tr")).ToHaveCountAsync(1);
        Assert.That(consoleErrors.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }
}
