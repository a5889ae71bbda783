
namespace Orchestrator;

public interface IGuardian
{
    Task<GuardianVerdict> ValidateAsync(GuardianRequest request, CancellationToken cancellationToken = default);
}
