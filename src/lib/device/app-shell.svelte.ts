import { afterFirstPaint } from '$lib/device/first-paint';

type InstallPrompt = Event & { prompt(): Promise<void>; userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }> };

/** The installed app's shell: the service worker's update flow and the install prompt. */
class AppShell {
	updateReady = $state(false);
	canInstall = $state(false);
	private update: ((reload?: boolean) => Promise<void>) | null = null;
	private installPrompt: InstallPrompt | null = null;

	start() {
		if (!('serviceWorker' in navigator)) return;
		// The worker precaches the whole app: that waits until the first screen is shown.
		void afterFirstPaint().then(async () => {
			const { registerSW } = await import('virtual:pwa-register');
			this.update = registerSW({
				immediate: true,
				onNeedRefresh: () => (this.updateReady = true)
			});
		});
		addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault();
			this.installPrompt = event as InstallPrompt;
			this.canInstall = true;
		});
		addEventListener('appinstalled', () => {
			this.installPrompt = null;
			this.canInstall = false;
		});
	}

	/** Moves to the waiting version: it takes control, then the page reloads into it once. */
	async applyUpdate() {
		this.updateReady = false;
		await this.update?.(true);
	}

	async install() {
		const prompt = this.installPrompt;
		if (!prompt) return;
		await prompt.prompt();
		if ((await prompt.userChoice).outcome === 'accepted') this.canInstall = false;
		this.installPrompt = null;
	}
}

export const appShell = new AppShell();
