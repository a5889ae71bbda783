using Orchestrator.Configuration;

namespace Orchestrator;

public interface ISpecialist
{
    Task<SpecialistResult> AnswerAsync(SpecialistRequest request, CancellationToken cancellationToken = default);
}
