import { json, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { LinkLine, Section } from '#app/components/ui/layout.tsx'
import { countPublishedProviders } from '#app/domain/providers/directory.server.ts'

export const meta: MetaFunction = () => [{ title: 'Budget Market: support you choose, paid from your personal budget' }]

export async function loader() {
	return json({ providerCount: await countPublishedProviders() })
}

export default function Home() {
	const { providerCount } = useLoaderData<typeof loader>()
	return (
		<div>
			<section className="py-6">
				<h1 className="text-4xl font-bold">Find, book and pay for the support you choose</h1>
				<p className="mt-4 max-w-3xl text-xl">
					Do you get a personal budget or direct payments for care and support? Here you can find people and groups near
					you who help. You can see their prices and what others say about them. Then you book and pay them from your
					budget.
				</p>
				<Form method="get" action="/search" role="search" className="mt-6 flex max-w-2xl flex-wrap items-end gap-3">
					<div className="min-w-0 flex-1">
						<label htmlFor="home-search" className="block font-semibold">
							What support are you looking for?
						</label>
						<input
							id="home-search"
							type="search"
							name="q"
							placeholder="For example: personal assistant in Leicester"
							className="mt-1 block w-full rounded border-2 border-gray-800 px-3 py-2"
						/>
					</div>
					<button type="submit" className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
						Search
					</button>
				</Form>
				<p className="mt-3">
					Or{' '}
					<Link to="/providers" className="text-brand-700 underline">
						browse all {providerCount} providers
					</Link>
					.
				</p>
			</section>
			<Section
				headingId="who-heading"
				title="Who it is for"
				className="mt-8 grid gap-6 md:grid-cols-3"
				headingClassName="sr-only"
			>
				<div className="rounded border border-gray-300 p-4">
					<h3 className="text-xl font-bold">People with a personal budget</h3>
					<p className="mt-2">
						Your budget is held safely for you. Book support, see what you have spent against your plan, and never wait
						for paperwork to be approved twice.
					</p>
				</div>
				<div className="rounded border border-gray-300 p-4">
					<h3 className="text-xl font-bold">Carers, representatives and brokers</h3>
					<p className="mt-2">
						Act for someone with their consent. What you can do is what they agreed to, and every step is recorded.
					</p>
				</div>
				<div className="rounded border border-gray-300 p-4">
					<h3 className="text-xl font-bold">People who offer support</h3>
					<p className="mt-2">
						Personal assistants and groups show what they do, what it costs and the checks they have passed. They are
						paid as soon as a session is confirmed. Fast pay is free.
					</p>
				</div>
			</Section>
			<Section headingId="together-heading" title="Buy together" className="mt-8">
				<p className="mt-2 max-w-3xl">
					Some things are easier to buy as a group. People can pool part of their budgets to commission something none
					of them could buy alone, such as a weekly fitness class. Money is only taken if enough people join.
				</p>
				<LinkLine to="/groups" className="mt-2">
					See group activities near you
				</LinkLine>
			</Section>
		</div>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
